# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-2-1", methods=["GET", "POST"])
def ssrf_2_1_view():
    url = request.cookies.get("url", "")
    requests.post(f"http://{url}/api/ping", timeout=3)
    return jsonify(status="ok")
