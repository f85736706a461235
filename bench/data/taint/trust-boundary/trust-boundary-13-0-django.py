# kind: trust-boundary
# label: safe
# reason: constant lookup table

import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

THEMES = {"dark": "dark", "light": "light"}


@require_http_methods(["GET", "POST"])
def trust_13_0(request):
    role = request.POST["role"]
    request.session["theme"] = THEMES.get(role, "light")
    return JsonResponse({"status": "ok"})
