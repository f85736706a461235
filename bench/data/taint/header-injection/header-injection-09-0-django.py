# kind: header-injection
# label: safe
# reason: allow-list guard

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_9_0(request):
    lang = request.META.get("HTTP_X_LANG", "")
    if lang not in ("en", "de", "fr"):
        return HttpResponse("bad request", status=400)
    resp = HttpResponse("ok")
    resp["Content-Language"] = lang
    return resp
