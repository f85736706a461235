# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_6_1(request):
    role = request.META.get("HTTP_X_ROLE", "")
    data = {"name": role}
    request.session.update(data)
    return JsonResponse({"status": "ok"})
