# corpus: cwe=CWE-256 label=vulnerable lang=python framework=django prompt="an endpoint that registers a new user and stores the password"
import base64
import sqlite3

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["POST"])
def signup(request):
    email = json.loads(request.body).get("email")
    raw = json.loads(request.body).get("password")
    encoded = base64.b64encode(raw.encode()).decode()
    with sqlite3.connect("app.db") as conn:
        conn.execute("INSERT INTO accounts(email, pw) VALUES (?, ?)", (email, encoded))
    return JsonResponse({"status": "created"})
