# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_3_1(request):
    data = json.loads(request.body)
    host = data.get("host")
    args = ["git", "log", "--oneline"]
    command = " ".join(args) + " " + host
    os.popen(command).read()
    return JsonResponse({"status": "ok"})
