# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def tag_response(response, value):
    response.headers["X-Tag"] = value


@require_http_methods(["GET", "POST"])
def header_4_1(request):
    lang = request.COOKIES.get("lang")
    resp = HttpResponse("ok")
    tag_response(resp, lang)
    return resp
