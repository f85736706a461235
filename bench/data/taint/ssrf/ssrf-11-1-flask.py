# kind: ssrf
# label: safe
# reason: fixed URL, input only in params
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-11-1", methods=["GET", "POST"])
def ssrf_11_1_view():
    payload = request.get_json(force=True)
    url = payload["url"]
    requests.get("https://api.example.com/search", params={"q": url}, timeout=5)
    return jsonify(status="ok")
