# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_1_0(request):
    data = json.loads(request.body)
    user = data.get("user")
    root = etree.parse("/srv/users.xml").getroot()
    root.xpath(f"//account[login='{user}']/balance/text()")
    return JsonResponse({"status": "ok"})
