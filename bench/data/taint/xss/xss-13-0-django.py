# kind: xss
# label: safe
# reason: element precision
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_13_0(request):
    name = request.POST["name"]
    parts = {"title": name, "footer": "(c) example"}
    return HttpResponse("<footer>" + parts["footer"] + "</footer>")
