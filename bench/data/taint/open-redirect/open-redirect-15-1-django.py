# kind: open-redirect
# label: safe
# reason: constant lookup table
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

PAGES = {"home": "/", "settings": "/settings", "billing": "/billing"}


@require_http_methods(["GET", "POST"])
def open_15_1(request):
    next_url = request.POST["nexturl"]
    dest = PAGES.get(next_url, "/")
    return HttpResponseRedirect(dest)
    return JsonResponse({"status": "ok"})
