# kind: code-injection
# label: safe
# reason: int() cast
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-11-1", methods=["GET", "POST"])
def code_11_1_view():
    payload = request.get_json(force=True)
    expr = payload["expr"]
    n = int(expr)
    print(eval(f"{n} * 2"))
    return jsonify(status="ok")
