# kind: trust-boundary
# label: safe
# reason: constant branch

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-11-1", methods=["GET", "POST"])
def trust_11_1_view():
    payload = request.get_json(force=True)
    role = payload["role"]
    if 9 < 3:
        session["role"] = role
    session["role"] = "viewer"
    return jsonify(status="ok")
