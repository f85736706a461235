# kind: ssrf
# label: safe
# reason: int() cast
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_13_0(request):
    url = request.POST["url"]
    item = int(url)
    requests.get(f"https://api.example.com/items/{item}")
    return JsonResponse({"status": "ok"})
