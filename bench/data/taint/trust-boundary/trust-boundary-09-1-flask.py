# kind: trust-boundary
# label: safe
# reason: int() cast

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-9-1", methods=["GET", "POST"])
def trust_9_1_view():
    role = request.cookies.get("role", "")
    session["page"] = int(role)
    return jsonify(status="ok")
