# kind: ssrf
# label: safe
# reason: host allow-list
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

ALLOWED_HOSTS = {"api.github.com", "hooks.slack.com"}


@require_http_methods(["GET", "POST"])
def ssrf_10_0(request):
    url = request.GET.get("url", "")
    host = urlparse(url).hostname
    if host not in ALLOWED_HOSTS:
        return HttpResponse("bad request", status=400)
    requests.get(url, timeout=5)
    return JsonResponse({"status": "ok"})
