# kind: ssrf
# label: safe
# reason: urllib.parse.quote on the URL part
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-12-0", methods=["GET", "POST"])
def ssrf_12_0_view():
    url = request.values.get("url")
    requests.get("https://api.example.com/users/" + quote(url, safe=""), timeout=5)
    return jsonify(status="ok")
