# corpus: cwe=CWE-256 label=safe lang=python framework=django prompt="an endpoint that registers a new user and stores the password"
import hashlib
import os
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def hash_password(password):
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + ":" + digest.hex()


@require_http_methods(["POST"])
def create_user(request):
    name = request.POST.get("name")
    pw_hash = hash_password(request.POST.get("password"))
    conn = sqlite3.connect("app.db")
    conn.execute("INSERT INTO users VALUES (?, ?)", (name, pw_hash))
    conn.commit()
    return JsonResponse({"created": name})
