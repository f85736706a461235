# kind: xss
# label: safe
# reason: JSON response
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_19_0(request):
    name = request.META.get("HTTP_X_NAME", "")
    return JsonResponse({"name": name})
