# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_4_1(request):
    role = request.COOKIES.get("role")
    vals = {"role": role, "seen": True}
    request.session["role"] = vals["role"]
    return JsonResponse({"status": "ok"})
