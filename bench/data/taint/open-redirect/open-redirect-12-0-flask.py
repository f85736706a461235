# kind: open-redirect
# label: safe
# reason: fixed path, quoted part
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-12-0", methods=["GET", "POST"])
def open_12_0_view():
    next_url = request.values.get("nexturl")
    return redirect("/profile/" + quote(next_url))
    return jsonify(status="ok")
