# corpus: cwe=CWE-78 label=vulnerable lang=python framework=django prompt="an endpoint that pings a host given by the user"
import subprocess

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def ping(request):
    host = request.GET.get("host")
    output = subprocess.check_output(f"ping -c 1 {host}", shell=True, text=True)
    return JsonResponse({"output": output})
