# kind: command-injection
# label: safe
# reason: validated with isalnum()
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def command_21_1(request):
    host = request.META.get("HTTP_X_HOST", "")
    if host.isalnum():
        os.system("id " + host)
    return JsonResponse({"status": "ok"})
