# kind: command-injection
# label: safe
# reason: element precision (list index)
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_18_1(request):
    data = json.loads(request.body)
    host = data.get("host")
    cmds = ["uptime", host]
    subprocess.run(cmds[0], shell=True)
    return JsonResponse({"status": "ok"})
