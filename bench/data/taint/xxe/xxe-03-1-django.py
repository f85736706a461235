# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def parse_invoice(raw):
    root = etree.XML(raw)
    return root.findtext("total")


@require_http_methods(["GET", "POST"])
def xxe_3_1(request):
    data = json.loads(request.body)
    xml_doc = data.get("xmldoc")
    parse_invoice(xml_doc)
    return JsonResponse({"status": "ok"})
