# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import preview


@require_http_methods(["GET", "POST"])
def ssrf_7_0(request):
    url = request.COOKIES.get("url")
    preview(url)
    return JsonResponse({"status": "ok"})
