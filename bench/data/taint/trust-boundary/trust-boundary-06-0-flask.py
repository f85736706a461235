# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-6-0", methods=["GET", "POST"])
def trust_6_0_view():
    role = request.cookies.get("role", "")
    data = {"name": role}
    session.update(data)
    return jsonify(status="ok")
