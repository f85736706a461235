# kind: xpath-injection
# label: safe
# reason: constant lookup table
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

PATHS = {"admins": "//user[@role='admin']", "all": "//user"}


@require_http_methods(["GET", "POST"])
def xpath_18_1(request):
    data = json.loads(request.body)
    user = data.get("user")
    path = PATHS.get(user, "//user")
    etree.parse("/srv/u.xml").xpath(path)
    return JsonResponse({"status": "ok"})
