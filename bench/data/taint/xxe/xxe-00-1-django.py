# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xxe_0_1(request):
    xml_doc = request.POST["xmldoc"]
    doc = etree.fromstring(xml_doc)
    print(doc.tag)
    return JsonResponse({"status": "ok"})
