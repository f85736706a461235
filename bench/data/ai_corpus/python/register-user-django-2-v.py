# corpus: cwe=CWE-256 label=vulnerable lang=python framework=django prompt="an endpoint that registers a new user and stores the password"
import hashlib
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()


@require_http_methods(["POST"])
def create_user(request):
    name = request.POST.get("name")
    pw_hash = hash_password(request.POST.get("password"))
    conn = sqlite3.connect("app.db")
    conn.execute("INSERT INTO users VALUES (?, ?)", (name, pw_hash))
    conn.commit()
    return JsonResponse({"created": name})
