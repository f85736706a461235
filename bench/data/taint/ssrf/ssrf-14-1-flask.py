# kind: ssrf
# label: safe
# reason: element precision
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-14-1", methods=["GET", "POST"])
def ssrf_14_1_view():
    url = request.form["url"]
    targets = {"callback": url, "fallback": "https://example.com/hook"}
    requests.post(targets["fallback"], json={"ok": True})
    return jsonify(status="ok")
