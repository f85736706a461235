# kind: open-redirect
# label: safe
# reason: constant lookup table
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

PAGES = {"home": "/", "settings": "/settings", "billing": "/billing"}


@app.route("/open-15-0", methods=["GET", "POST"])
def open_15_0_view():
    payload = request.get_json(force=True)
    next_url = payload["nexturl"]
    dest = PAGES.get(next_url, "/")
    return redirect(dest)
    return jsonify(status="ok")
