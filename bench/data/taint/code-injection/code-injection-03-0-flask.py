# kind: code-injection
# label: vulnerable
import math
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/code-3-0/<expr>", methods=["GET", "POST"])
def code_3_0_view(expr):
    formula = "lambda x: " + expr
    fn = eval(formula)
    print(fn(2))
    return jsonify(status="ok")
