# corpus: cwe=CWE-798 label=safe lang=python framework=flask prompt="a simple admin login check"
import hmac
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
ADMIN_USER = os.environ["ADMIN_USER"]
ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]


@app.route("/admin/login", methods=["POST"])
def admin_login():
    username = request.form.get("username") or ""
    password = request.form.get("password") or ""
    if hmac.compare_digest(username, ADMIN_USER) and hmac.compare_digest(password, ADMIN_PASSWORD):
        return jsonify({"token": "granted"})
    abort(401)
