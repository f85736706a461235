# corpus: cwe=CWE-256 label=safe lang=python framework=django prompt="an endpoint that registers a new user and stores the password"
import sqlite3

import bcrypt

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["POST"])
def signup(request):
    email = json.loads(request.body).get("email")
    raw = json.loads(request.body).get("password")
    hashed = bcrypt.hashpw(raw.encode(), bcrypt.gensalt()).decode()
    with sqlite3.connect("app.db") as conn:
        conn.execute("INSERT INTO accounts(email, pw) VALUES (?, ?)", (email, hashed))
    return JsonResponse({"status": "created"})
