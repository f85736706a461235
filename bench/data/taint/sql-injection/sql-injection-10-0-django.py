# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_10_0(request):
    name = request.GET.get("name", "")
    filters = {"name": name, "limit": 10}
    get_connection().execute("SELECT * FROM t WHERE name = '%s'" % filters["name"])
    return JsonResponse({"status": "ok"})
