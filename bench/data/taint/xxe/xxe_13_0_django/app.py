# kind: xxe
# label: safe
# reason: helper uses defusedxml
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import parse_safely


@require_http_methods(["GET", "POST"])
def xxe_13_0(request):
    xml_doc = request.POST["xmldoc"]
    root = parse_safely(xml_doc)
    print(root.tag)
    return JsonResponse({"status": "ok"})
