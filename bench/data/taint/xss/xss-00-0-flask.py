# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-0-0", methods=["GET", "POST"])
def xss_0_0_view():
    name = request.args.get("name", "")
    return make_response("<h1>Hello " + name + "</h1>")
