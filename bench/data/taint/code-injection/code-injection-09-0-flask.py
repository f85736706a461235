# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-9-0", methods=["GET", "POST"])
def code_9_0_view():
    expr = request.headers.get("X-Expr", "")
    template = "{}+1".format(expr.strip())
    eval(template)
    return jsonify(status="ok")
