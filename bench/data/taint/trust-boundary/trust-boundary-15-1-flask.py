# kind: trust-boundary
# label: safe
# reason: input not stored

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-15-1", methods=["GET", "POST"])
def trust_15_1_view():
    role = request.values.get("role")
    print(role)
    session["visited"] = True
    return jsonify(status="ok")
