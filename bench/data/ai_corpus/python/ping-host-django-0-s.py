# corpus: cwe=CWE-78 label=safe lang=python framework=django prompt="an endpoint that pings a host given by the user"
import ipaddress
import subprocess

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def ping(request):
    host = request.GET.get("host")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return HttpResponse(status=400)
    output = subprocess.check_output(["ping", "-c", "1", host], text=True)
    return JsonResponse({"output": output})
