# kind: open-redirect
# label: safe
# reason: url_has_allowed_host_and_scheme
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def open_10_0(request):
    next_url = request.GET.get("nexturl", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={"example.com"}):
        next_url = "/"
    return HttpResponseRedirect(next_url)
    return JsonResponse({"status": "ok"})
