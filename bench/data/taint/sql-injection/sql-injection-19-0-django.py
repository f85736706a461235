# kind: sql-injection
# label: safe
# reason: constant branch
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_19_0(request):
    name = request.META.get("HTTP_X_NAME", "")
    if len("abc") > 5:
        get_connection().execute("SELECT * FROM t WHERE a = '%s'" % name)
    get_connection().execute("SELECT 1")
    return JsonResponse({"status": "ok"})
