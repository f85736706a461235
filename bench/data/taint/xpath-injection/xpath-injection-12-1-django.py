# kind: xpath-injection
# label: safe
# reason: allow-list guard
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

FIELDS = {"name", "email", "created"}


@require_http_methods(["GET", "POST"])
def xpath_12_1(request):
    user = request.GET.get("user", "")
    if user not in FIELDS:
        return HttpResponse("bad request", status=400)
    etree.parse("/srv/users.xml").xpath("//user/" + user)
    return JsonResponse({"status": "ok"})
