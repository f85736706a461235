# kind: sql-injection
# label: safe
# reason: allow-list guard
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

SORTABLE = ("name", "price", "created_at")


@require_http_methods(["GET", "POST"])
def sql_16_0(request):
    data = json.loads(request.body)
    name = data.get("name")
    if name not in SORTABLE:
        return HttpResponse("bad request", status=400)
    get_connection().execute("SELECT * FROM products ORDER BY " + name)
    return JsonResponse({"status": "ok"})
