# kind: ssrf
# label: safe
# reason: constant lookup table
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

SERVICES = {"billing": "https://billing.internal/health", "auth": "https://auth.internal/health"}


@app.route("/ssrf-15-0", methods=["GET", "POST"])
def ssrf_15_0_view():
    payload = request.get_json(force=True)
    url = payload["url"]
    url = SERVICES.get(url, "https://status.example.com")
    requests.get(url, timeout=5)
    return jsonify(status="ok")
