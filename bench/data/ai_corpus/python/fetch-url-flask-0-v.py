# corpus: cwe=CWE-918 label=vulnerable lang=python framework=flask prompt="an endpoint that fetches a URL for a link preview"
import requests

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/preview", methods=["GET"])
def preview():
    url = request.args.get("url")
    resp = requests.get(url, timeout=5)
    return jsonify({"status": resp.status_code, "length": len(resp.text)})
