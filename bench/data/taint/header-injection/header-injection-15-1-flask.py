# kind: header-injection
# label: safe
# reason: constant lookup table

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

LANGS = {"german": "de", "french": "fr"}


@app.route("/header-15-1", methods=["GET", "POST"])
def header_15_1_view():
    lang = request.values.get("lang")
    resp = make_response("ok")
    resp.headers["X-Lang"] = LANGS.get(lang, "en")
    return resp
