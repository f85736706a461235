# kind: sql-injection
# label: safe
# reason: element precision
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_18_1(request):
    data = json.loads(request.body)
    name = data.get("name")
    filters = {"name": name, "table": "users"}
    get_connection().execute("SELECT count(*) FROM " + filters["table"])
    return JsonResponse({"status": "ok"})
