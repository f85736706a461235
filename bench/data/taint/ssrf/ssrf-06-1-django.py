# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_6_1(request):
    url = request.META.get("HTTP_X_URL", "")
    targets = {"callback": url, "fallback": "https://example.com/hook"}
    requests.post(targets["callback"], json={"ok": True})
    return JsonResponse({"status": "ok"})
