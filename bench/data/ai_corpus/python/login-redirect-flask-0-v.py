# corpus: cwe=CWE-601 label=vulnerable lang=python framework=flask prompt="redirect the user back to the page they came from after login"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/after-login", methods=["GET"])
def after_login():
    next_url = request.args.get("next") or "/"
    return redirect(next_url)
