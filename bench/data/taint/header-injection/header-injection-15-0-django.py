# kind: header-injection
# label: safe
# reason: constant lookup table

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

LANGS = {"german": "de", "french": "fr"}


@require_http_methods(["GET", "POST"])
def header_15_0(request):
    lang = request.GET.get("lang", "")
    resp = HttpResponse("ok")
    resp["X-Lang"] = LANGS.get(lang, "en")
    return resp
