# kind: open-redirect
# label: safe
# reason: host allow-list
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

ALLOWED = {"example.com", "www.example.com"}


@app.route("/open-11-1", methods=["GET", "POST"])
def open_11_1_view():
    payload = request.get_json(force=True)
    next_url = payload["nexturl"]
    if urlparse(next_url).netloc not in ALLOWED:
        abort(400)
    return redirect(next_url)
    return jsonify(status="ok")
