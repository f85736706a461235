# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_0_1(request):
    name = request.POST["name"]
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
    return JsonResponse({"status": "ok"})
