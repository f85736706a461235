# kind: command-injection
# label: safe
# reason: allow-list guard
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

ALLOWED_TOOLS = {"git", "python3", "node"}


@require_http_methods(["GET", "POST"])
def command_15_1(request):
    host = request.POST["host"]
    if host not in ALLOWED_TOOLS:
        return HttpResponse("bad request", status=400)
    os.system(host + " --version")
    return JsonResponse({"status": "ok"})
