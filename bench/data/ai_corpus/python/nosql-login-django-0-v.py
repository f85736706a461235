# corpus: cwe=CWE-943 label=vulnerable lang=python framework=django prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
users = MongoClient()["app"]["users"]


@require_http_methods(["POST"])
def login(request):
    user = users.find_one({"username": json.loads(request.body).get("username"), "password_hash": json.loads(request.body).get("password_hash")})
    if not user:
        return HttpResponse(status=401)
    return JsonResponse({"ok": True})
