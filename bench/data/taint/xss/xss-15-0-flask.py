# kind: xss
# label: safe
# reason: constant branch
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-15-0", methods=["GET", "POST"])
def xss_15_0_view():
    payload = request.get_json(force=True)
    name = payload["name"]
    if 1 + 1 == 3:
        return make_response("<p>" + name + "</p>")
    return make_response("<p>maintenance</p>")
