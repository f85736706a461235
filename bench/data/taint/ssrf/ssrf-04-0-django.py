# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ssrf_4_0(request):
    url = request.META.get("HTTP_X_URL", "")
    with requests.Session() as session:
        session.get(url)
    return JsonResponse({"status": "ok"})
