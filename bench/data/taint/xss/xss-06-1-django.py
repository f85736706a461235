# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_6_1(request):
    name = request.META.get("HTTP_X_NAME", "")
    parts = {"title": name, "footer": "(c) example"}
    return HttpResponse("<title>" + parts["title"] + "</title>")
