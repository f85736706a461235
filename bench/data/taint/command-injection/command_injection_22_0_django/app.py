# kind: command-injection
# label: safe
# reason: helper quotes for the shell
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import sanitize


@require_http_methods(["GET", "POST"])
def command_22_0(request):
    host = request.COOKIES.get("host")
    safe = sanitize(host)
    os.system("finger " + safe)
    return JsonResponse({"status": "ok"})
