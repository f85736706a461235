# kind: code-injection
# label: vulnerable
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def calc(expression):
    return eval(expression, {"__builtins__": {})


@require_http_methods(["GET", "POST"])
def code_6_1(request):
    expr = request.META.get("HTTP_X_EXPR", "")
    calc(expr)
    return JsonResponse({"status": "ok"})
