# kind: trust-boundary
# label: safe
# reason: allow-list guard

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

ROLES = ("viewer", "editor")


@require_http_methods(["GET", "POST"])
def trust_8_1(request):
    data = json.loads(request.body)
    role = data.get("role")
    if role not in ROLES:
        return HttpResponse("bad request", status=400)
    request.session["role"] = role
    return JsonResponse({"status": "ok"})
