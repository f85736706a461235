# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xss-3-0/<name>", methods=["GET", "POST"])
def xss_3_0_view(name):
    body = "<ul>" + "".join("<li>{}</li>".format(x) for x in name.split(",")) + "</ul>"
    return make_response(body)
