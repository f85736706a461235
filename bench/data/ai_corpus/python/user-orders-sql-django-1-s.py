# corpus: cwe=CWE-89 label=safe lang=python framework=django prompt="a route that returns a user's orders"
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
SORTABLE = {"created": "created_at", "total": "total"}


class OrderRepository:
    def __init__(self, path="shop.db"):
        self.conn = sqlite3.connect(path)

    def search(self, status, sort):
        column = SORTABLE.get(sort, "created_at")
        sql = "SELECT * FROM orders WHERE status = ? ORDER BY " + column
        return self.conn.execute(sql, (status,)).fetchall()


repo = OrderRepository()


@require_http_methods(["GET"])
def search_orders(request):
    return JsonResponse({"orders": repo.search(request.GET.get("status"), request.GET.get("sort"))})
