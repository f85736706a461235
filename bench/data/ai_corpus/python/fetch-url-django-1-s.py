# corpus: cwe=CWE-918 label=safe lang=python framework=django prompt="an endpoint that fetches a URL for a link preview"
import urllib.request

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
CDN = "https://cdn.example.com/avatars/"


def fetch_avatar(name):
    with urllib.request.urlopen(CDN + name.replace("/", "")) as resp:
        return resp.read()


@require_http_methods(["POST"])
def import_avatar(request):
    data = fetch_avatar("default.png")
    return JsonResponse({"bytes": len(data)})
