# corpus: cwe=CWE-89 label=safe lang=python framework=django prompt="a route that returns a user's orders"
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def get_db():
    return sqlite3.connect("shop.db")


@require_http_methods(["GET"])
def user_orders(request):
    customer = request.GET.get("customer")
    rows = get_db().execute("SELECT id, total FROM orders WHERE customer = ?", (customer,)).fetchall()
    return JsonResponse({"orders": rows})
