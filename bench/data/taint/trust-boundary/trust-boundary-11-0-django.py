# kind: trust-boundary
# label: safe
# reason: constant branch

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_11_0(request):
    data = json.loads(request.body)
    role = data.get("role")
    if 9 < 3:
        request.session["role"] = role
    request.session["role"] = "viewer"
    return JsonResponse({"status": "ok"})
