# kind: xxe
# label: safe
# reason: entities disabled
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xxe_9_1(request):
    xml_doc = request.COOKIES.get("xmldoc")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml_doc.encode(), parser)
    print(root.tag)
    return JsonResponse({"status": "ok"})
