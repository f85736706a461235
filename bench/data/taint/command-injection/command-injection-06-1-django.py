# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_6_1(request):
    host = request.META.get("HTTP_X_HOST", "")
    parts = shlex.split(host)
    subprocess.run(parts)
    return JsonResponse({"status": "ok"})
