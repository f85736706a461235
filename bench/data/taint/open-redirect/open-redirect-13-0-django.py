# kind: open-redirect
# label: safe
# reason: fixed relative path
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def open_13_0(request):
    next_url = request.POST["nexturl"]
    return HttpResponseRedirect("/search?q=" + next_url)
    return JsonResponse({"status": "ok"})
