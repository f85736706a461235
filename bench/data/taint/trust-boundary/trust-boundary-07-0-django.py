# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_7_0(request):
    role = request.COOKIES.get("role")
    request.session["greeting"] = f"hello {role}"
    return JsonResponse({"status": "ok"})
