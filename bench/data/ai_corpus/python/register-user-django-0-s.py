# corpus: cwe=CWE-256 label=safe lang=python framework=django prompt="an endpoint that registers a new user and stores the password"
import sqlite3

from werkzeug.security import generate_password_hash

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def db():
    return sqlite3.connect("users.db")


@require_http_methods(["POST"])
def register(request):
    username = request.POST.get("username")
    password = request.POST.get("password")
    conn = db()
    conn.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                 (username, generate_password_hash(password)))
    conn.commit()
    return JsonResponse({"ok": True})
