# kind: trust-boundary
# label: safe
# reason: helper that drops the input

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def default_role(requested):
    return "viewer"


@require_http_methods(["GET", "POST"])
def trust_12_1(request):
    role = request.GET.get("role", "")
    request.session["role"] = default_role(role)
    return JsonResponse({"status": "ok"})
