# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-2-1", methods=["GET", "POST"])
def xss_2_1_view():
    name = request.cookies.get("name", "")
    return make_response("<div class='msg'>%s</div>" % name)
