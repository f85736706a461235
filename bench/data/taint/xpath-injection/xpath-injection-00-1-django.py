# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_0_1(request):
    user = request.POST["user"]
    tree = etree.parse("/srv/users.xml")
    nodes = tree.xpath("//user[@name='" + user + "']")
    return JsonResponse({"status": "ok"})
