# kind: command-injection
# label: safe
# reason: shlex.quote
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_13_0(request):
    host = request.POST["host"]
    os.system("ping -c 1 " + shlex.quote(host))
    return JsonResponse({"status": "ok"})
