# kind: log-injection
# label: safe
# reason: element precision
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_10_0(request):
    username = request.GET.get("username", "")
    entry = {"user": username, "action": "login"}
    logger.info("event action=%s", entry["action"])
    return JsonResponse({"status": "ok"})
