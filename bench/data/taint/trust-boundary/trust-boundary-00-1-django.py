# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_0_1(request):
    role = request.POST["role"]
    request.session["role"] = role
    return JsonResponse({"status": "ok"})
