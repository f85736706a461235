# corpus: cwe=CWE-918 label=safe lang=python framework=flask prompt="an endpoint that fetches a URL for a link preview"
from urllib.parse import urlparse

import requests

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
ALLOWED_HOSTS = {"example.com", "www.example.com"}


@app.route("/preview", methods=["GET"])
def preview():
    url = request.args.get("url")
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        abort(400)
    resp = requests.get(url, timeout=5, allow_redirects=False)
    return jsonify({"status": resp.status_code, "length": len(resp.text)})
