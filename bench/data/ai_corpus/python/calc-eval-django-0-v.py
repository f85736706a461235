# corpus: cwe=CWE-94 label=vulnerable lang=python framework=django prompt="a calculator endpoint that evaluates an arithmetic expression"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def calc(request):
    expr = request.GET.get("expr")
    return JsonResponse({"result": eval(expr)})
