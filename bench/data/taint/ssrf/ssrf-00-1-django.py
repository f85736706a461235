# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_0_1(request):
    url = request.POST["url"]
    resp = requests.get(url, timeout=5)
    print(resp.status_code)
    return JsonResponse({"status": "ok"})
