# kind: trust-boundary
# label: safe
# reason: helper that drops the input

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def default_role(requested):
    return "viewer"


@app.route("/trust-12-0", methods=["GET", "POST"])
def trust_12_0_view():
    role = request.values.get("role")
    session["role"] = default_role(role)
    return jsonify(status="ok")
