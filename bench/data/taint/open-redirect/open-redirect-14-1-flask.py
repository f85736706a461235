# kind: open-redirect
# label: safe
# reason: element precision
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-14-1", methods=["GET", "POST"])
def open_14_1_view():
    next_url = request.form["nexturl"]
    urls = {"next": next_url, "home": "/"}
    return redirect(urls["home"])
    return jsonify(status="ok")
