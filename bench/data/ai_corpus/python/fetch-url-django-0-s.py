# corpus: cwe=CWE-918 label=safe lang=python framework=django prompt="an endpoint that fetches a URL for a link preview"
from urllib.parse import urlparse

import requests

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
ALLOWED_HOSTS = {"example.com", "www.example.com"}


@require_http_methods(["GET"])
def preview(request):
    url = request.GET.get("url")
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        return HttpResponse(status=400)
    resp = requests.get(url, timeout=5, allow_redirects=False)
    return JsonResponse({"status": resp.status_code, "length": len(resp.text)})
