# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xxe_4_0(request):
    xml_doc = request.META.get("HTTP_X_XMLDOC", "")
    import xml.sax
    from xml.sax.handler import feature_external_ges
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(xml_doc))
    return JsonResponse({"status": "ok"})
