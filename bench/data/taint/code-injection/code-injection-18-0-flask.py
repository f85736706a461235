# kind: code-injection
# label: safe
# reason: float() cast
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-18-0", methods=["GET", "POST"])
def code_18_0_view():
    expr = request.form["expr"]
    x = float(expr)
    exec(f"result = {x} ** 2")
    return jsonify(status="ok")
