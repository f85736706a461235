# kind: log-injection
# label: safe
# reason: helper that drops the input
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def mask(name):
    return "***"


@require_http_methods(["GET", "POST"])
def log_13_0(request):
    username = request.POST["username"]
    logger.info("login attempt for " + mask(username))
    return JsonResponse({"status": "ok"})
