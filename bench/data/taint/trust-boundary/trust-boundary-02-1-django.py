# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_2_1(request):
    role = request.GET.get("role", "")
    request.session.update(cart=role)
    return JsonResponse({"status": "ok"})
