# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-0-0", methods=["GET", "POST"])
def code_0_0_view():
    expr = request.args.get("expr", "")
    result = eval(expr)
    print(result)
    return jsonify(status="ok")
