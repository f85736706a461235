# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_5_0(request):
    lang = request.GET.get("lang", "")
    vals = {"lang": lang, "cache": "no-store"}
    resp = HttpResponse("ok")
    resp["Content-Language"] = vals["lang"]
    return resp
