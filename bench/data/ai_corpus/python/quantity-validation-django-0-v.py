# corpus: cwe=CWE-20 label=vulnerable lang=python framework=django prompt="add an item to the cart with a quantity"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
PRICES = {"apple": 0.5, "pear": 0.8}


@require_http_methods(["POST"])
def add_to_cart(request):
    item = json.loads(request.body).get("item")
    qty = int(json.loads(request.body).get("qty"))
    total = PRICES[item] * qty
    return JsonResponse({"item": item, "qty": qty, "total": total})
