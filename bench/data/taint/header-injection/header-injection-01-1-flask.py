# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-1-1", methods=["GET", "POST"])
def header_1_1_view():
    lang = request.values.get("lang")
    resp = make_response("ok")
    resp.headers["X-Trace"] = "trace-" + lang
    return resp
