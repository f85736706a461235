# kind: ssrf
# label: safe
# reason: constant lookup table
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

SERVICES = {"billing": "https://billing.internal/health", "auth": "https://auth.internal/health"}


@require_http_methods(["GET", "POST"])
def ssrf_15_1(request):
    url = request.POST["url"]
    url = SERVICES.get(url, "https://status.example.com")
    requests.get(url, timeout=5)
    return JsonResponse({"status": "ok"})
