# kind: open-redirect
# label: safe
# reason: allow-list guard
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-18-0", methods=["GET", "POST"])
def open_18_0_view():
    next_url = request.form["nexturl"]
    if next_url not in ("/", "/account", "/orders"):
        next_url = "/"
    return redirect(next_url)
