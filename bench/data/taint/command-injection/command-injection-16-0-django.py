# kind: command-injection
# label: safe
# reason: value chosen from a constant table
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

TOOLS = {"disk": "df -h", "mem": "free -m", "load": "uptime"}


@require_http_methods(["GET", "POST"])
def command_16_0(request):
    data = json.loads(request.body)
    host = data.get("host")
    tool = TOOLS.get(host, "true")
    subprocess.call(tool, shell=True)
    return JsonResponse({"status": "ok"})
