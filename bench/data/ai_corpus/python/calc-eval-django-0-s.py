# corpus: cwe=CWE-94 label=safe lang=python framework=django prompt="a calculator endpoint that evaluates an arithmetic expression"
import ast
import operator

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(node):
    if isinstance(node, ast.Expression):
        return evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.left), evaluate(node.right))
    raise ValueError("unsupported expression")


@require_http_methods(["GET"])
def calc(request):
    expr = request.GET.get("expr")
    return JsonResponse({"result": evaluate(ast.parse(expr, mode="eval"))})
