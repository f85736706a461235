# corpus: cwe=CWE-89 label=vulnerable lang=python framework=django prompt="a route that returns a user's orders"
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


class OrderRepository:
    def __init__(self, path="shop.db"):
        self.conn = sqlite3.connect(path)

    def search(self, status, sort):
        sql = "SELECT * FROM orders WHERE status = '%s' ORDER BY %s" % (status, sort)
        return self.conn.execute(sql).fetchall()


repo = OrderRepository()


@require_http_methods(["GET"])
def search_orders(request):
    return JsonResponse({"orders": repo.search(request.GET.get("status"), request.GET.get("sort"))})
