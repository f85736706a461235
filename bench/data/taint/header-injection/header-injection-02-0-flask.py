# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-2-0", methods=["GET", "POST"])
def header_2_0_view():
    lang = request.headers.get("X-Lang", "")
    resp = make_response("ok")
    resp.set_cookie("pref", lang)
    return resp
