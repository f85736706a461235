# kind: header-injection
# label: safe
# reason: int() cast

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_11_0(request):
    data = json.loads(request.body)
    lang = data.get("lang")
    size = int(lang)
    resp = HttpResponse("ok")
    resp["X-Page-Size"] = str(size)
    return resp
