# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_7_0(request):
    name = request.COOKIES.get("name")
    if name:
        return HttpResponse(f"<span>{name}</span>")
    return HttpResponse("<span>anonymous</span>")
