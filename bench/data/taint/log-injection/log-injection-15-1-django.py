# kind: log-injection
# label: safe
# reason: allow-list guard
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

KNOWN_USERS = {"alice", "bob"}


@require_http_methods(["GET", "POST"])
def log_15_1(request):
    username = request.POST["username"]
    if username not in KNOWN_USERS:
        return HttpResponse("forbidden", status=403)
    logger.info("known user %s", username)
    return JsonResponse({"status": "ok"})
