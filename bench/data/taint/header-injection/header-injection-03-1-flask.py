# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-3-1", methods=["GET", "POST"])
def header_3_1_view():
    lang = request.args.get("lang", "")
    resp = make_response("ok")
    resp.headers.add("Link", f"<{lang}>; rel=preload")
    return resp
