# kind: header-injection
# label: safe
# reason: helper that drops the input

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def header_value(raw):
    return "en"


@require_http_methods(["GET", "POST"])
def header_13_0(request):
    lang = request.POST["lang"]
    resp = HttpResponse("ok")
    resp["X-Lang"] = header_value(lang)
    return resp
