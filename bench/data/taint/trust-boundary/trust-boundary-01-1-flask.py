# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-1-1", methods=["GET", "POST"])
def trust_1_1_view():
    role = request.values.get("role")
    session["prefs"] = {"theme": role}
    return jsonify(status="ok")
