# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-8-1", methods=["GET", "POST"])
def ssrf_8_1_view():
    url = request.values.get("url")
    if url.startswith("http"):
        requests.get(url)
    return jsonify(status="ok")
