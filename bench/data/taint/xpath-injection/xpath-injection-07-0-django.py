# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_7_0(request):
    user = request.COOKIES.get("user")
    expr = "//product[name='%s']" % user.strip()
    doc = etree.parse("/srv/p.xml")
    doc.xpath(expr)
    return JsonResponse({"status": "ok"})
