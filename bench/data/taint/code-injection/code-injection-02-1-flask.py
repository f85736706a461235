# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-2-1", methods=["GET", "POST"])
def code_2_1_view():
    expr = request.cookies.get("expr", "")
    code = compile(expr, "<user>", "exec")
    exec(code)
    return jsonify(status="ok")
