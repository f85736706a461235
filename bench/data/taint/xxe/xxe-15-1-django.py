# kind: xxe
# label: safe
# reason: constant lookup table
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

TEMPLATES = {"a": "<a/>", "b": "<b/>"}


@require_http_methods(["GET", "POST"])
def xxe_15_1(request):
    xml_doc = request.POST["xmldoc"]
    template = TEMPLATES.get(xml_doc, "<empty/>")
    etree.fromstring(template)
    return JsonResponse({"status": "ok"})
