# corpus: cwe=CWE-94 label=safe lang=python framework=flask prompt="a calculator endpoint that evaluates an arithmetic expression"
import ast
import operator

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(node):
    if isinstance(node, ast.Expression):
        return evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.left), evaluate(node.right))
    raise ValueError("unsupported expression")


@app.route("/calc", methods=["GET"])
def calc():
    expr = request.args.get("expr")
    return jsonify({"result": evaluate(ast.parse(expr, mode="eval"))})
