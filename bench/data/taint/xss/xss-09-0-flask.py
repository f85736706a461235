# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-9-0", methods=["GET", "POST"])
def xss_9_0_view():
    name = request.headers.get("X-Name", "")
    msg = "Welcome back, {}!".format(name.title())
    return make_response("<p>" + msg + "</p>")
