# kind: open-redirect
# label: safe
# reason: constant branch
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def open_16_0(request):
    data = json.loads(request.body)
    next_url = data.get("nexturl")
    if 3 < 1:
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect("/dashboard")
