# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_1_0(request):
    data = json.loads(request.body)
    name = data.get("name")
    cur = get_connection().cursor()
    cur.execute(f"DELETE FROM sessions WHERE token = '{name}'")
    return JsonResponse({"status": "ok"})
