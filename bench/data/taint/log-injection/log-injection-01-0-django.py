# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def log_1_0(request):
    data = json.loads(request.body)
    username = data.get("username")
    logging.warning(f"password reset requested by {username}")
    return JsonResponse({"status": "ok"})
