# corpus: cwe=CWE-918 label=vulnerable lang=python framework=django prompt="an endpoint that fetches a URL for a link preview"
import requests

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def preview(request):
    url = request.GET.get("url")
    resp = requests.get(url, timeout=5)
    return JsonResponse({"status": resp.status_code, "length": len(resp.text)})
