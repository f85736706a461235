# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-6-0", methods=["GET", "POST"])
def xss_6_0_view():
    name = request.cookies.get("name", "")
    parts = {"title": name, "footer": "(c) example"}
    return make_response("<title>" + parts["title"] + "</title>")
