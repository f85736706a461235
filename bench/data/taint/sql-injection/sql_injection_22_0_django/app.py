# kind: sql-injection
# label: safe
# reason: helper returns an int
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import lookup_id


@require_http_methods(["GET", "POST"])
def sql_22_0(request):
    name = request.COOKIES.get("name")
    row_id = lookup_id(name)
    get_connection().execute("SELECT * FROM t WHERE id = %d" % row_id)
    return JsonResponse({"status": "ok"})
