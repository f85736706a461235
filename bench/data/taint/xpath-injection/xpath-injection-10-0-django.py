# kind: xpath-injection
# label: safe
# reason: XPath variable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_10_0(request):
    user = request.GET.get("user", "")
    tree = etree.parse("/srv/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=user)
    return JsonResponse({"status": "ok"})
