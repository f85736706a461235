# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-0-0", methods=["GET", "POST"])
def open_0_0_view():
    next_url = request.args.get("nexturl", "")
    return redirect(next_url)
