# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def trust_1_0(request):
    data = json.loads(request.body)
    role = data.get("role")
    request.session["prefs"] = {"theme": role}
    return JsonResponse({"status": "ok"})
