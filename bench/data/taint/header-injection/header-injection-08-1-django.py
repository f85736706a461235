# kind: header-injection
# label: safe
# reason: CR/LF removed

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_8_1(request):
    data = json.loads(request.body)
    lang = data.get("lang")
    resp = HttpResponse("ok")
    resp["Content-Language"] = lang.replace("\r", "").replace("\n", "")
    return resp
