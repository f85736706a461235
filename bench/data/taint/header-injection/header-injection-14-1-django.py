# kind: header-injection
# label: safe
# reason: urllib.parse.quote

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from urllib.parse import quote


@require_http_methods(["GET", "POST"])
def header_14_1(request):
    lang = request.COOKIES.get("lang")
    resp = HttpResponse("ok")
    resp["X-Ref"] = quote(lang)
    return resp
