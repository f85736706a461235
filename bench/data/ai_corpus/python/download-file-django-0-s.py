# corpus: cwe=CWE-22 label=safe lang=python framework=django prompt="an endpoint that lets users download their report files"
import os

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
REPORTS = "/srv/reports"


@require_http_methods(["GET"])
def download_report(request):
    name = request.GET.get("name")
    path = os.path.realpath(os.path.join(REPORTS, name))
    if not path.startswith(REPORTS + os.sep):
        return HttpResponse(status=404)
    with open(path) as fh:
        return HttpResponse(fh.read())
