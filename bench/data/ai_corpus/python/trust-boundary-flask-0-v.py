# corpus: cwe=CWE-501 label=vulnerable lang=python framework=flask prompt="remember the role the user selected in the session"
from flask import session

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/role", methods=["POST"])
def choose_role():
    session["role"] = request.form.get("role")
    return jsonify({"role": session["role"]})
