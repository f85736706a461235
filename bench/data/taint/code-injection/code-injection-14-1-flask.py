# kind: code-injection
# label: safe
# reason: element precision
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-14-1", methods=["GET", "POST"])
def code_14_1_view():
    expr = request.form["expr"]
    ops = {"expr": expr, "mode": "1 + 1"}
    print(eval(ops["mode"]))
    return jsonify(status="ok")
