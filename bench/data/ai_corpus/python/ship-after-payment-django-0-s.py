# corpus: cwe=CWE-841 label=safe lang=python framework=django prompt="checkout that confirms payment then ships the order"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
from shop import load_order, ship_order


@require_http_methods(["POST"])
def ship(request):
    order = load_order(request.POST.get("order_id"))
    if order.payment_status != "captured":
        return HttpResponse(status=402)
    ship_order(order)
    return JsonResponse({"status": "shipped"})
