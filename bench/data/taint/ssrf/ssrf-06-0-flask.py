# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-6-0", methods=["GET", "POST"])
def ssrf_6_0_view():
    url = request.cookies.get("url", "")
    targets = {"callback": url, "fallback": "https://example.com/hook"}
    requests.post(targets["callback"], json={"ok": True})
    return jsonify(status="ok")
