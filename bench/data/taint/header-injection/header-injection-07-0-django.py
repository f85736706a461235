# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_7_0(request):
    lang = request.COOKIES.get("lang")
    resp = HttpResponse("ok")
    resp.headers.set("X-Request-Name", lang.strip())
    return resp
