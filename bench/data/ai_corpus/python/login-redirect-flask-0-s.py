# corpus: cwe=CWE-601 label=safe lang=python framework=flask prompt="redirect the user back to the page they came from after login"
from urllib.parse import urlparse

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/after-login", methods=["GET"])
def after_login():
    next_url = request.args.get("next") or "/"
    parts = urlparse(next_url)
    if parts.netloc or parts.scheme or not next_url.startswith("/"):
        next_url = "/"
    return redirect(next_url)
