# kind: code-injection
# label: safe
# reason: constant lookup table
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

SAFE_OPS = {"absolute": "abs", "round": "round"}


@require_http_methods(["GET", "POST"])
def code_13_0(request):
    expr = request.POST["expr"]
    fn = SAFE_OPS.get(expr, "abs")
    print(eval(fn + "(-3)"))
    return JsonResponse({"status": "ok"})
