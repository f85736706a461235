# kind: xss
# label: safe
# reason: int() cast
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-12-0", methods=["GET", "POST"])
def xss_12_0_view():
    name = request.values.get("name")
    count = int(name)
    return make_response(f"<p>{count} items</p>")
