# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xpath_9_1(request):
    user = request.COOKIES.get("user")
    if user:
        etree.parse("/srv/users.xml").xpath("//user[email='" + user + "']")
    return JsonResponse({"status": "ok"})
