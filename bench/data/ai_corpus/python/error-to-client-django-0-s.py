# corpus: cwe=CWE-209 label=safe lang=python framework=django prompt="an endpoint that processes an order and reports errors"
import logging

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
log = logging.getLogger(__name__)


def process(order_id):
    if not order_id:
        raise ValueError("missing order")
    return {"order": order_id, "state": "processed"}


@require_http_methods(["POST"])
def process_order(request):
    try:
        result = process(json.loads(request.body).get("order_id"))
    except Exception:
        log.exception("order processing failed")
        return JsonResponse({"error": "internal error"})
    return JsonResponse(result)
