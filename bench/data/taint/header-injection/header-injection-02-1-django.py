# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_2_1(request):
    lang = request.GET.get("lang", "")
    resp = HttpResponse("ok")
    resp.set_cookie("pref", lang)
    return resp
