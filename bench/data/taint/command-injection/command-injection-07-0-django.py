# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def run_tool(target):
    return subprocess.getoutput("whois " + target)


@require_http_methods(["GET", "POST"])
def command_7_0(request):
    host = request.COOKIES.get("host")
    run_tool(host)
    return JsonResponse({"status": "ok"})
