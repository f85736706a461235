# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ssrf-3-0/<url>", methods=["GET", "POST"])
def ssrf_3_0_view(url):
    endpoint = "https://" + url + "/status"
    requests.get(endpoint)
    return jsonify(status="ok")
