# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_0_1(request):
    lang = request.POST["lang"]
    resp = HttpResponse("ok")
    resp["Content-Language"] = lang
    return resp
