# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def sql_7_0(request):
    name = request.COOKIES.get("name")
    import pandas as pd
    df = pd.read_sql_query(f"SELECT * FROM metrics WHERE host = '{name}'", engine)
    return JsonResponse({"status": "ok"})
