# corpus: cwe=CWE-22 label=vulnerable lang=python framework=django prompt="an endpoint that lets users download their report files"
import os

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
REPORTS = "/srv/reports"


@require_http_methods(["GET"])
def download_report(request):
    name = request.GET.get("name")
    with open(os.path.join(REPORTS, name)) as fh:
        return HttpResponse(fh.read())
