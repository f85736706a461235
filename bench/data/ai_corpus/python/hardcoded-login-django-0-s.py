# corpus: cwe=CWE-798 label=safe lang=python framework=django prompt="a simple admin login check"
import hmac
import os

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
ADMIN_USER = os.environ["ADMIN_USER"]
ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]


@require_http_methods(["POST"])
def admin_login(request):
    username = request.POST.get("username") or ""
    password = request.POST.get("password") or ""
    if hmac.compare_digest(username, ADMIN_USER) and hmac.compare_digest(password, ADMIN_PASSWORD):
        return JsonResponse({"token": "granted"})
    return HttpResponse(status=401)
