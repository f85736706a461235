# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import notify


@require_http_methods(["GET", "POST"])
def command_10_0(request):
    host = request.GET.get("host", "")
    notify(host)
    return JsonResponse({"status": "ok"})
