# corpus: cwe=CWE-601 label=safe lang=python framework=django prompt="redirect the user back to the page they came from after login"
from urllib.parse import urlparse

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def after_login(request):
    next_url = request.GET.get("next") or "/"
    parts = urlparse(next_url)
    if parts.netloc or parts.scheme or not next_url.startswith("/"):
        next_url = "/"
    return HttpResponseRedirect(next_url)
