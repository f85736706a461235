# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import bounce


@app.route("/open-9-0", methods=["GET", "POST"])
def open_9_0_view():
    next_url = request.headers.get("X-Nexturl", "")
    return bounce(next_url)
