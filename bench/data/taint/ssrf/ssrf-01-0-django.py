# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_1_0(request):
    data = json.loads(request.body)
    url = data.get("url")
    data = urllib.request.urlopen(url).read()
    return JsonResponse({"status": "ok"})
