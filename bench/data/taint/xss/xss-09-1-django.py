# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_9_1(request):
    name = request.COOKIES.get("name")
    msg = "Welcome back, {}!".format(name.title())
    return HttpResponse("<p>" + msg + "</p>")
