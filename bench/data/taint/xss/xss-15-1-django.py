# kind: xss
# label: safe
# reason: constant branch
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_15_1(request):
    name = request.POST["name"]
    if 1 + 1 == 3:
        return HttpResponse("<p>" + name + "</p>")
    return HttpResponse("<p>maintenance</p>")
