# kind: xpath-injection
# label: safe
# reason: comparison in Python
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_19_0(request):
    user = request.META.get("HTTP_X_USER", "")
    nodes = etree.parse("/srv/u.xml").xpath("//user")
    matches = [n for n in nodes if n.get("name") == user]
    return JsonResponse({"status": "ok"})
