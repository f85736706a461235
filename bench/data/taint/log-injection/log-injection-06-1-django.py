# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_6_1(request):
    username = request.META.get("HTTP_X_USERNAME", "")
    logger.warning("search term: {}".format(username.strip()))
    return JsonResponse({"status": "ok"})
