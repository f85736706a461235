# kind: ssrf
# label: safe
# reason: helper that drops the input
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def build_status_url(name):
    return "https://status.example.com/summary.json"


@app.route("/ssrf-17-1", methods=["GET", "POST"])
def ssrf_17_1_view():
    url = request.args.get("url", "")
    url = build_status_url(url)
    requests.get(url, timeout=5)
    return jsonify(status="ok")
