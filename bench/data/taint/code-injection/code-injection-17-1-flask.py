# kind: code-injection
# label: safe
# reason: isdigit() guard
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-17-1", methods=["GET", "POST"])
def code_17_1_view():
    expr = request.args.get("expr", "")
    if expr.isdigit():
        print(eval(expr + " + 1"))
    return jsonify(status="ok")
