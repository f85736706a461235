# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_3_1(request):
    data = json.loads(request.body)
    user = data.get("user")
    tree = ET.parse("/srv/config.xml")
    root = tree.getroot()
    root.findall(".//setting[@key='" + user + "']")
    return JsonResponse({"status": "ok"})
