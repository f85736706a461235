# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def audit(who):
    logger.info("audit: " + who)


@require_http_methods(["GET", "POST"])
def log_4_0(request):
    username = request.META.get("HTTP_X_USERNAME", "")
    audit(username)
    return JsonResponse({"status": "ok"})
