# kind: code-injection
# label: vulnerable
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_3_1(request):
    data = json.loads(request.body)
    expr = data.get("expr")
    formula = "lambda x: " + expr
    fn = eval(formula)
    print(fn(2))
    return JsonResponse({"status": "ok"})
