# corpus: cwe=CWE-94 label=vulnerable lang=python framework=flask prompt="a calculator endpoint that evaluates an arithmetic expression"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/calc", methods=["GET"])
def calc():
    expr = request.args.get("expr")
    return jsonify({"result": eval(expr)})
