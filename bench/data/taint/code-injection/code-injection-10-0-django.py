# kind: code-injection
# label: safe
# reason: ast.literal_eval
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_10_0(request):
    expr = request.GET.get("expr", "")
    import ast
    value = ast.literal_eval(expr)
    print(value)
    return JsonResponse({"status": "ok"})
