# kind: header-injection
# label: safe
# reason: element precision

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_10_1(request):
    lang = request.POST["lang"]
    vals = {"lang": lang, "cache": "no-store"}
    resp = HttpResponse("ok")
    resp["Cache-Control"] = vals["cache"]
    return resp
