# kind: header-injection
# label: safe
# reason: constant branch

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_12_1(request):
    lang = request.GET.get("lang", "")
    resp = HttpResponse("ok")
    if 7 * 6 != 42:
        resp["X-Debug"] = lang
    return resp
