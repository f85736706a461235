# kind: code-injection
# label: safe
# reason: allow-list guard
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

FUNCTIONS = ["sqrt", "log", "sin", "cos"]


@require_http_methods(["GET", "POST"])
def code_12_1(request):
    expr = request.GET.get("expr", "")
    if expr not in FUNCTIONS:
        return HttpResponse("bad request", status=400)
    print(eval(f"math.{expr}(1)"))
    return JsonResponse({"status": "ok"})
