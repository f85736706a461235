# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def calc(expression):
    return eval(expression, {"__builtins__": {})


@app.route("/code-6-0", methods=["GET", "POST"])
def code_6_0_view():
    expr = request.cookies.get("expr", "")
    calc(expr)
    return jsonify(status="ok")
