# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_9_1(request):
    url = request.COOKIES.get("url")
    requests.get("https://api.internal/users/" + url)
    return JsonResponse({"status": "ok"})
