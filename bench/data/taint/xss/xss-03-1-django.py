# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_3_1(request):
    data = json.loads(request.body)
    name = data.get("name")
    body = "<ul>" + "".join("<li>{}</li>".format(x) for x in name.split(",")) + "</ul>"
    return HttpResponse(body)
