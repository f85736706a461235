# kind: trust-boundary
# label: safe
# reason: allow-list guard

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

ROLES = ("viewer", "editor")


@app.route("/trust-8-0", methods=["GET", "POST"])
def trust_8_0_view():
    payload = request.get_json(force=True)
    role = payload["role"]
    if role not in ROLES:
        abort(400)
    session["role"] = role
    return jsonify(status="ok")
