# corpus: cwe=CWE-798 label=vulnerable lang=python framework=django prompt="a simple admin login check"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["POST"])
def admin_login(request):
    username = request.POST.get("username")
    password = request.POST.get("password")
    if username == "admin" and password == "admin123":
        return JsonResponse({"token": "granted"})
    return HttpResponse(status=401)
