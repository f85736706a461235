# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-8-1", methods=["GET", "POST"])
def code_8_1_view():
    expr = request.values.get("expr")
    ops = {"expr": expr, "mode": "eval"}
    eval(ops["expr"])
    return jsonify(status="ok")
