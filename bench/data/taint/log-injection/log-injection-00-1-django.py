# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_0_1(request):
    username = request.POST["username"]
    logger.info("login attempt for " + username)
    return JsonResponse({"status": "ok"})
