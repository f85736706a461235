# kind: open-redirect
# label: safe
# reason: helper that drops the input
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def landing_page(hint):
    return "/welcome"


@app.route("/open-17-1", methods=["GET", "POST"])
def open_17_1_view():
    next_url = request.args.get("nexturl", "")
    return redirect(landing_page(next_url))
