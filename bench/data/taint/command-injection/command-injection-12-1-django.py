# kind: command-injection
# label: safe
# reason: argv list without a shell
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_12_1(request):
    host = request.GET.get("host", "")
    subprocess.run(["ping", "-c", "1", host], check=False, timeout=5)
    return JsonResponse({"status": "ok"})
