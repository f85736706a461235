# kind: code-injection
# label: vulnerable
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_0_1(request):
    expr = request.POST["expr"]
    result = eval(expr)
    print(result)
    return JsonResponse({"status": "ok"})
