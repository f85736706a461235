# corpus: cwe=CWE-78 label=safe lang=python framework=django prompt="an endpoint that pings a host given by the user"
import subprocess

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
FORMATS = ("png", "jpg", "webp")


def convert(src, fmt):
    subprocess.run(["convert", "--", src, "out." + fmt], check=True)
    return "out." + fmt


@require_http_methods(["POST"])
def convert_image(request):
    fmt = request.POST.get("format")
    if fmt not in FORMATS:
        return HttpResponse(status=400)
    return JsonResponse({"file": convert("upload.bin", fmt)})
