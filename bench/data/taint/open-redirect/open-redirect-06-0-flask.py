# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-6-0", methods=["GET", "POST"])
def open_6_0_view():
    next_url = request.cookies.get("nexturl", "")
    if next_url.startswith("http"):
        return redirect(next_url)
    return redirect("/")
