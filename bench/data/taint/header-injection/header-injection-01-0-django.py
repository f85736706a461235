# kind: header-injection
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def header_1_0(request):
    data = json.loads(request.body)
    lang = data.get("lang")
    resp = HttpResponse("ok")
    resp["X-Trace"] = "trace-" + lang
    return resp
