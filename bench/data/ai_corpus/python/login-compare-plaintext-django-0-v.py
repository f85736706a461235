# corpus: cwe=CWE-522 label=vulnerable lang=python framework=django prompt="a login endpoint that checks the username and password against the database"
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["POST"])
def login(request):
    username = request.POST.get("username")
    password = request.POST.get("password")
    conn = sqlite3.connect("users.db")
    row = conn.execute("SELECT password FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or row[0] != password:
        return HttpResponse(status=401)
    return JsonResponse({"message": "welcome"})
