# kind: code-injection
# label: safe
# reason: allow-list guard
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

FUNCTIONS = ["sqrt", "log", "sin", "cos"]


@app.route("/code-12-0", methods=["GET", "POST"])
def code_12_0_view():
    expr = request.values.get("expr")
    if expr not in FUNCTIONS:
        abort(400)
    print(eval(f"math.{expr}(1)"))
    return jsonify(status="ok")
