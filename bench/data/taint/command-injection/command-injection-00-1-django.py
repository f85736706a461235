# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_0_1(request):
    host = request.POST["host"]
    os.system("ping -c 1 " + host)
    return JsonResponse({"status": "ok"})
