# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-0-0", methods=["GET", "POST"])
def header_0_0_view():
    lang = request.args.get("lang", "")
    resp = make_response("ok")
    resp.headers["Content-Language"] = lang
    return resp
