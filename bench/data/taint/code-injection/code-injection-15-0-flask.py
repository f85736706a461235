# kind: code-injection
# label: safe
# reason: constant branch
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-15-0", methods=["GET", "POST"])
def code_15_0_view():
    payload = request.get_json(force=True)
    expr = payload["expr"]
    if 2 ** 3 == 9:
        eval(expr)
    print("done")
    return jsonify(status="ok")
