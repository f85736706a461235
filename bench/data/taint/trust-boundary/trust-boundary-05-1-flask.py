# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-5-1", methods=["GET", "POST"])
def trust_5_1_view():
    role = request.headers.get("X-Role", "")
    session["user"] = role.strip().lower()
    return jsonify(status="ok")
