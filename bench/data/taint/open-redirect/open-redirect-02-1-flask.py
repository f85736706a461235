# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-2-1", methods=["GET", "POST"])
def open_2_1_view():
    next_url = request.cookies.get("nexturl", "")
    dest = "https://" + next_url
    return redirect(dest)
