# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-0-0", methods=["GET", "POST"])
def trust_0_0_view():
    role = request.args.get("role", "")
    session["role"] = role
    return jsonify(status="ok")
