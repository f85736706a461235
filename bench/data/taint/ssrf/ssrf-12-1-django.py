# kind: ssrf
# label: safe
# reason: urllib.parse.quote on the URL part
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_12_1(request):
    url = request.GET.get("url", "")
    requests.get("https://api.example.com/users/" + quote(url, safe=""), timeout=5)
    return JsonResponse({"status": "ok"})
