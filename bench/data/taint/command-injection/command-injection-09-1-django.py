# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_9_1(request):
    host = request.COOKIES.get("host")
    if host:
        os.system(f"dig +short {host}")
    return JsonResponse({"status": "ok"})
