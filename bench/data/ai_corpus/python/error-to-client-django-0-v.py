# corpus: cwe=CWE-209 label=vulnerable lang=python framework=django prompt="an endpoint that processes an order and reports errors"
import traceback

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def process(order_id):
    if not order_id:
        raise ValueError("missing order")
    return {"order": order_id, "state": "processed"}


@require_http_methods(["POST"])
def process_order(request):
    try:
        result = process(json.loads(request.body).get("order_id"))
    except Exception:
        return HttpResponse(traceback.format_exc())
    return JsonResponse(result)
