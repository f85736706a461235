# corpus: cwe=CWE-117 label=vulnerable lang=python framework=flask prompt="log each failed login with the username"
import logging

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
log = logging.getLogger("auth")


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username")
    log.warning("failed login for " + username)
    abort(401)
