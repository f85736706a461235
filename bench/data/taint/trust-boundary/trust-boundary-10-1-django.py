# kind: trust-boundary
# label: safe
# reason: element precision

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_10_1(request):
    role = request.POST["role"]
    vals = {"role": role, "seen": True}
    request.session["seen"] = vals["seen"]
    return JsonResponse({"status": "ok"})
