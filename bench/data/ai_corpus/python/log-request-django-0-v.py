# corpus: cwe=CWE-117 label=vulnerable lang=python framework=django prompt="log each failed login with the username"
import logging

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
log = logging.getLogger("auth")


@require_http_methods(["POST"])
def login(request):
    username = request.POST.get("username")
    log.warning("failed login for " + username)
    return HttpResponse(status=401)
