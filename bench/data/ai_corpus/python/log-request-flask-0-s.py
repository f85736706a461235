# corpus: cwe=CWE-117 label=safe lang=python framework=flask prompt="log each failed login with the username"
import logging

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username") or ""
    log.warning("failed login for %r", username.replace("\n", "").replace("\r", "")[:64])
    abort(401)
