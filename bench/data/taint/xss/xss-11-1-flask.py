# kind: xss
# label: safe
# reason: markupsafe.escape
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-11-1", methods=["GET", "POST"])
def xss_11_1_view():
    payload = request.get_json(force=True)
    name = payload["name"]
    return make_response(f"<p>Results for {escape(name)}</p>")
