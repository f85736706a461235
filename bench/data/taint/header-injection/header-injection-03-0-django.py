# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_3_0(request):
    lang = request.POST["lang"]
    resp = HttpResponse("ok")
    resp.headers.add("Link", f"<{lang}>; rel=preload")
    return resp
