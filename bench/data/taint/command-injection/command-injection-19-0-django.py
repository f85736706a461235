# kind: command-injection
# label: safe
# reason: constant branch
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_19_0(request):
    host = request.META.get("HTTP_X_HOST", "")
    if 60 * 60 < 100:
        os.system("echo " + host)
    os.system("echo done")
    return JsonResponse({"status": "ok"})
