# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-5-1", methods=["GET", "POST"])
def code_5_1_view():
    expr = request.headers.get("X-Expr", "")
    mod = __import__(expr)
    print(mod)
    return jsonify(status="ok")
