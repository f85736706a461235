# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def find_user(username):
    cur = get_connection().cursor()
    cur.execute("SELECT * FROM users WHERE username = '%s'" % username)
    return cur.fetchone()


@require_http_methods(["GET", "POST"])
def sql_6_1(request):
    name = request.META.get("HTTP_X_NAME", "")
    find_user(name)
    return JsonResponse({"status": "ok"})
