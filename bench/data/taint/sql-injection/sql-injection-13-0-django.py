# kind: sql-injection
# label: safe
# reason: parameterised query
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_13_0(request):
    name = request.POST["name"]
    cur = get_connection().cursor()
    cur.execute("DELETE FROM sessions WHERE token = %s", [name])
    return JsonResponse({"status": "ok"})
