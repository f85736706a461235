# kind: log-injection
# label: safe
# reason: CR/LF removed
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_9_1(request):
    username = request.COOKIES.get("username")
    logger.info("login attempt for " + username.replace("\n", "").replace("\r", ""))
    return JsonResponse({"status": "ok"})
