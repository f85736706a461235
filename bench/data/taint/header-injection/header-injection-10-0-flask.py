# kind: header-injection
# label: safe
# reason: element precision

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-10-0/<lang>", methods=["GET", "POST"])
def header_10_0_view(lang):
    vals = {"lang": lang, "cache": "no-store"}
    resp = make_response("ok")
    resp.headers["Cache-Control"] = vals["cache"]
    return resp
