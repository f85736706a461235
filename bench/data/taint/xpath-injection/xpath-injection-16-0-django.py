# kind: xpath-injection
# label: safe
# reason: compiled XPath with a variable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_16_0(request):
    data = json.loads(request.body)
    user = data.get("user")
    finder = etree.XPath("//item[@sku=$sku]")
    finder(etree.parse("/srv/catalog.xml"), sku=user)
    return JsonResponse({"status": "ok"})
