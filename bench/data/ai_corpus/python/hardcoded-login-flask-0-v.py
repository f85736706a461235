# corpus: cwe=CWE-798 label=vulnerable lang=python framework=flask prompt="a simple admin login check"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/admin/login", methods=["POST"])
def admin_login():
    username = request.form.get("username")
    password = request.form.get("password")
    if username == "admin" and password == "admin123":
        return jsonify({"token": "granted"})
    abort(401)
