# corpus: cwe=CWE-94 label=safe lang=python framework=fastapi prompt="a calculator endpoint that evaluates an arithmetic expression"
import ast
import operator

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(node):
    if isinstance(node, ast.Expression):
        return evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.left), evaluate(node.right))
    raise ValueError("unsupported expression")


@app.get("/calc")
async def calc(request: Request):
    expr = request.query_params.get("expr")
    return {"result": evaluate(ast.parse(expr, mode="eval"))}
