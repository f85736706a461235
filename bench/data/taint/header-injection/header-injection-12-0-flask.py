# kind: header-injection
# label: safe
# reason: constant branch

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-12-0", methods=["GET", "POST"])
def header_12_0_view():
    lang = request.values.get("lang")
    resp = make_response("ok")
    if 7 * 6 != 42:
        resp.headers["X-Debug"] = lang
    return resp
