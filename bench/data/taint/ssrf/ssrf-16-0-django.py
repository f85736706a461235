# kind: ssrf
# label: safe
# reason: constant branch
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_16_0(request):
    data = json.loads(request.body)
    url = data.get("url")
    if 1 > 2:
        requests.get(url)
    requests.get("https://example.com/ping")
    return JsonResponse({"status": "ok"})
