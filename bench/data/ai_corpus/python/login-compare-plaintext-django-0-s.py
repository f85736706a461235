# corpus: cwe=CWE-522 label=safe lang=python framework=django prompt="a login endpoint that checks the username and password against the database"
import sqlite3

from werkzeug.security import check_password_hash

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["POST"])
def login(request):
    username = request.POST.get("username")
    password = request.POST.get("password")
    conn = sqlite3.connect("users.db")
    row = conn.execute("SELECT password_hash FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or not check_password_hash(row[0], password):
        return HttpResponse(status=401)
    return JsonResponse({"message": "welcome"})
