# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_0_1(request):
    name = request.POST["name"]
    return HttpResponse("<h1>Hello " + name + "</h1>")
