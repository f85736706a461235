# kind: xss
# label: safe
# reason: constant lookup table
import html
from markupsafe import Markup, escape
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

LABELS = {"ok": "All good", "warn": "Check settings"}


@app.route("/xss-17-1", methods=["GET", "POST"])
def xss_17_1_view():
    name = request.args.get("name", "")
    label = LABELS.get(name, "Unknown")
    return make_response("<span>" + label + "</span>")
