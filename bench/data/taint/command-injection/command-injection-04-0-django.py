# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_4_0(request):
    host = request.META.get("HTTP_X_HOST", "")
    proc = subprocess.Popen("convert {} out.png".format(host), shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return JsonResponse({"status": "ok"})
