# kind: xss
# label: safe
# reason: html.escape
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_10_0(request):
    name = request.GET.get("name", "")
    return HttpResponse("<h1>Hello " + html.escape(name) + "</h1>")
