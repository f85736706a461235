# kind: sql-injection
# label: safe
# reason: int() cast
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_15_1(request):
    name = request.POST["name"]
    limit = int(name)
    get_connection().execute(f"SELECT * FROM news ORDER BY id DESC LIMIT {limit}")
    return JsonResponse({"status": "ok"})
