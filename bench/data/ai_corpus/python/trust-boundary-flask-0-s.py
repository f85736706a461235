# corpus: cwe=CWE-501 label=safe lang=python framework=flask prompt="remember the role the user selected in the session"
from flask import session

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
ROLES = {"viewer", "editor"}


@app.route("/role", methods=["POST"])
def choose_role():
    role = request.form.get("role")
    session["view_mode"] = role if role in ROLES else "viewer"
    return jsonify({"mode": session["view_mode"]})
