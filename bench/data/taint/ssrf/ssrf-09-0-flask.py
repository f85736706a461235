# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-9-0", methods=["GET", "POST"])
def ssrf_9_0_view():
    url = request.headers.get("X-Url", "")
    requests.get("https://api.internal/users/" + url)
    return jsonify(status="ok")
