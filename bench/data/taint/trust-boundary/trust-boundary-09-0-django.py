# kind: trust-boundary
# label: safe
# reason: int() cast

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_9_0(request):
    role = request.META.get("HTTP_X_ROLE", "")
    request.session["page"] = int(role)
    return JsonResponse({"status": "ok"})
