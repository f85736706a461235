# corpus: cwe=CWE-209 label=safe lang=python framework=django prompt="an endpoint that processes an order and reports errors"
import logging

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
logger = logging.getLogger("billing")


def charge(amount):
    if float(amount) <= 0:
        raise ValueError("amount must be positive")
    return {"charged": float(amount)}


@require_http_methods(["POST"])
def charge_card(request):
    try:
        return JsonResponse(charge(request.POST.get("amount")))
    except Exception:
        logger.exception("charge failed")
        return JsonResponse({"error": "payment could not be processed"})
