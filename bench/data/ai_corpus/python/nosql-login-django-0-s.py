# corpus: cwe=CWE-943 label=safe lang=python framework=django prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
users = MongoClient()["app"]["users"]


@require_http_methods(["POST"])
def login(request):
    username = json.loads(request.body).get("username")
    token = json.loads(request.body).get("password_hash")
    if not isinstance(username, str) or not isinstance(token, str):
        return HttpResponse(status=400)
    user = users.find_one({"username": username, "password_hash": token})
    if not user:
        return HttpResponse(status=401)
    return JsonResponse({"ok": True})
