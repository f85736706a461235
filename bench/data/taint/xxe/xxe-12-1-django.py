# kind: xxe
# label: safe
# reason: helper that drops the input
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def default_doc(raw):
    return b"<config><mode>default</mode></config>"


@require_http_methods(["GET", "POST"])
def xxe_12_1(request):
    xml_doc = request.GET.get("xmldoc", "")
    doc = etree.fromstring(default_doc(xml_doc))
    return JsonResponse({"status": "ok"})
