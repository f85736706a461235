# corpus: cwe=CWE-918 label=vulnerable lang=python framework=django prompt="an endpoint that fetches a URL for a link preview"
import urllib.request

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def fetch_avatar(source):
    with urllib.request.urlopen(source) as resp:
        return resp.read()


@require_http_methods(["POST"])
def import_avatar(request):
    data = fetch_avatar(json.loads(request.body).get("avatar_url"))
    return JsonResponse({"bytes": len(data)})
