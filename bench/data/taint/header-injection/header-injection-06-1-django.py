# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_6_1(request):
    lang = request.META.get("HTTP_X_LANG", "")
    resp = HttpResponse("ok")
    resp["Location"] = "/home?from=" + lang
    return resp
