# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-7-1", methods=["GET", "POST"])
def header_7_1_view():
    lang = request.form["lang"]
    resp = make_response("ok")
    resp.headers.set("X-Request-Name", lang.strip())
    return resp
