# kind: ssrf
# label: safe
# reason: allow-list guard
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_18_1(request):
    data = json.loads(request.body)
    url = data.get("url")
    if url not in ("us", "eu", "ap"):
        return HttpResponse("bad request", status=400)
    requests.get(f"https://{url}.api.example.com/health")
    return JsonResponse({"status": "ok"})
