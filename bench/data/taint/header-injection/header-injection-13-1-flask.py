# kind: header-injection
# label: safe
# reason: helper that drops the input

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def header_value(raw):
    return "en"


@app.route("/header-13-1/<lang>", methods=["GET", "POST"])
def header_13_1_view(lang):
    resp = make_response("ok")
    resp.headers["X-Lang"] = header_value(lang)
    return resp
