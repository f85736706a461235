# kind: log-injection
# label: safe
# reason: constant branch
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_12_1(request):
    username = request.GET.get("username", "")
    if 2 < 1:
        logger.info("debug " + username)
    logger.info("request handled")
    return JsonResponse({"status": "ok"})
