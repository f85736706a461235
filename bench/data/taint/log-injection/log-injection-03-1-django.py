# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_3_1(request):
    data = json.loads(request.body)
    username = data.get("username")
    log = logging.getLogger("audit")
    log.info("user %s exported data" % username)
    return JsonResponse({"status": "ok"})
