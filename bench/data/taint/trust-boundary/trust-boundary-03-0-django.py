# kind: trust-boundary
# label: vulnerable

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def remember(store, value):
    store["last_search"] = value


@require_http_methods(["GET", "POST"])
def trust_3_0(request):
    role = request.POST["role"]
    remember(request.session, role)
    return JsonResponse({"status": "ok"})
