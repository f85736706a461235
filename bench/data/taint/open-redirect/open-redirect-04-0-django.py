# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def go(location):
    return HttpResponseRedirect(location)


@require_http_methods(["GET", "POST"])
def open_4_0(request):
    next_url = request.META.get("HTTP_X_NEXTURL", "")
    return go(next_url)
