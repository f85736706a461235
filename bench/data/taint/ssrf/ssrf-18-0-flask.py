# kind: ssrf
# label: safe
# reason: allow-list guard
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-18-0", methods=["GET", "POST"])
def ssrf_18_0_view():
    url = request.form["url"]
    if url not in ("us", "eu", "ap"):
        abort(400)
    requests.get(f"https://{url}.api.example.com/health")
    return jsonify(status="ok")
