# corpus: cwe=CWE-78 label=vulnerable lang=python framework=django prompt="an endpoint that pings a host given by the user"
import os

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def convert(src, fmt):
    os.system("convert " + src + " out." + fmt)
    return "out." + fmt


@require_http_methods(["POST"])
def convert_image(request):
    return JsonResponse({"file": convert(request.POST.get("file"), request.POST.get("format"))})
