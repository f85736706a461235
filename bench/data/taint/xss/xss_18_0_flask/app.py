# kind: xss
# label: safe
# reason: helper escapes
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import safe_banner


@app.route("/xss-18-0", methods=["GET", "POST"])
def xss_18_0_view():
    name = request.form["name"]
    return make_response(safe_banner(name))
