# kind: code-injection
# label: safe
# reason: constant branch
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_15_1(request):
    expr = request.POST["expr"]
    if 2 ** 3 == 9:
        eval(expr)
    print("done")
    return JsonResponse({"status": "ok"})
