# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/open-8-1", methods=["GET", "POST"])
def open_8_1_view():
    next_url = request.values.get("nexturl")
    return redirect("//" + next_url)
