# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_3_1(request):
    data = json.loads(request.body)
    name = data.get("name")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM items WHERE sku = '{}'".format(name))).fetchall()
    return JsonResponse({"status": "ok"})
