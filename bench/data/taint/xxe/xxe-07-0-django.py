# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xxe_7_0(request):
    xml_doc = request.COOKIES.get("xmldoc")
    payload = xml_doc.strip().encode("utf-8")
    elem = etree.fromstring(payload, parser=etree.XMLParser(load_dtd=True, no_network=False))
    return JsonResponse({"status": "ok"})
