# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_4_0(request):
    name = request.META.get("HTTP_X_NAME", "")
    greeting = Markup("<b>" + name + "</b>")
    return HttpResponse(str(greeting))
