# kind: trust-boundary
# label: safe
# reason: input not stored

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_15_0(request):
    role = request.GET.get("role", "")
    print(role)
    request.session["visited"] = True
    return JsonResponse({"status": "ok"})
