# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_1_0(request):
    data = json.loads(request.body)
    host = data.get("host")
    out = subprocess.check_output(f"nslookup {host}", shell=True)
    print(out)
    return JsonResponse({"status": "ok"})
