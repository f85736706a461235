# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_4_0(request):
    name = request.META.get("HTTP_X_NAME", "")
    order = name or "id"
    sql = "SELECT * FROM products ORDER BY " + order
    get_connection().execute(sql)
    return JsonResponse({"status": "ok"})
