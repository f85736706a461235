# kind: trust-boundary
# label: safe
# reason: isdigit() guard

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_14_1(request):
    role = request.COOKIES.get("role")
    if role.isdigit():
        request.session["page"] = role
    return JsonResponse({"status": "ok"})
