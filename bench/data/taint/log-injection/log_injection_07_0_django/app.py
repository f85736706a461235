# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import record


@require_http_methods(["GET", "POST"])
def log_7_0(request):
    username = request.COOKIES.get("username")
    record(username)
    return JsonResponse({"status": "ok"})
