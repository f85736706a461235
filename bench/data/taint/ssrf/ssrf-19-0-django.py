# kind: ssrf
# label: safe
# reason: input only in the JSON body
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_19_0(request):
    url = request.META.get("HTTP_X_URL", "")
    requests.post("https://hooks.example.com/notify", json={"url": url}, timeout=5)
    return JsonResponse({"status": "ok"})
