# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-0-0", methods=["GET", "POST"])
def ssrf_0_0_view():
    url = request.args.get("url", "")
    resp = requests.get(url, timeout=5)
    print(resp.status_code)
    return jsonify(status="ok")
