# kind: code-injection
# label: safe
# reason: float() cast
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_18_1(request):
    data = json.loads(request.body)
    expr = data.get("expr")
    x = float(expr)
    exec(f"result = {x} ** 2")
    return JsonResponse({"status": "ok"})
