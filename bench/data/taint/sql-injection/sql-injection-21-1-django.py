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
def sql_21_1(request):
    name = request.META.get("HTTP_X_NAME", "")
    params = (name, 20)
    get_connection().execute("SELECT * FROM posts WHERE author = ? LIMIT ?", params)
    return JsonResponse({"status": "ok"})
