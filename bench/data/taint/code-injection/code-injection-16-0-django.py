# kind: code-injection
# label: safe
# reason: helper that drops the input
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def normalize(text):
    return "0"


@require_http_methods(["GET", "POST"])
def code_16_0(request):
    data = json.loads(request.body)
    expr = data.get("expr")
    expression = normalize(expr)
    print(eval(expression))
    return JsonResponse({"status": "ok"})
