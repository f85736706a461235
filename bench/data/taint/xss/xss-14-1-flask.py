# kind: xss
# label: safe
# reason: allow-list guard
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

THEMES = ("light", "dark", "contrast")


@app.route("/xss-14-1", methods=["GET", "POST"])
def xss_14_1_view():
    name = request.form["name"]
    if name not in THEMES:
        abort(400)
    return make_response(f"<body class='{name}'></body>")
