# kind: xpath-injection
# label: safe
# reason: helper that drops the input
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def expression_for(kind):
    return "//user[@active='true']"


@require_http_methods(["GET", "POST"])
def xpath_15_1(request):
    user = request.POST["user"]
    expr = expression_for(user)
    etree.parse("/srv/u.xml").xpath(expr)
    return JsonResponse({"status": "ok"})
