# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def render_card(title):
    return "<div class='card'><h2>" + title + "</h2></div>"


@app.route("/xss-5-1", methods=["GET", "POST"])
def xss_5_1_view():
    name = request.headers.get("X-Name", "")
    return make_response(render_card(name))
