# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def fetch(link):
    return requests.get(link, timeout=10).text


@app.route("/ssrf-5-1", methods=["GET", "POST"])
def ssrf_5_1_view():
    url = request.headers.get("X-Url", "")
    fetch(url)
    return jsonify(status="ok")
