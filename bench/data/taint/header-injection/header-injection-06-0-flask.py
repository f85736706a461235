# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-6-0", methods=["GET", "POST"])
def header_6_0_view():
    lang = request.cookies.get("lang", "")
    resp = make_response("ok")
    resp.headers["Location"] = "/home?from=" + lang
    return resp
