# kind: xpath-injection
# label: safe
# reason: element precision
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_13_0(request):
    user = request.POST["user"]
    query = {"expr": "//user[@id='" + user + "']", "base": "//users"}
    etree.parse("/srv/u.xml").xpath(query["base"])
    return JsonResponse({"status": "ok"})
