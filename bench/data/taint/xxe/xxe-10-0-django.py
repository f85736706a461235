# kind: xxe
# label: safe
# reason: element precision
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xxe_10_0(request):
    xml_doc = request.GET.get("xmldoc", "")
    docs = {"body": xml_doc, "schema": "<x/>"}
    etree.fromstring(docs["schema"])
    return JsonResponse({"status": "ok"})
