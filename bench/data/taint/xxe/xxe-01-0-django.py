# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xxe_1_0(request):
    data = json.loads(request.body)
    xml_doc = data.get("xmldoc")
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(xml_doc.encode(), parser)
    print(root.tag)
    return JsonResponse({"status": "ok"})
