# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-5-1", methods=["GET", "POST"])
def header_5_1_view():
    lang = request.headers.get("X-Lang", "")
    vals = {"lang": lang, "cache": "no-store"}
    resp = make_response("ok")
    resp.headers["Content-Language"] = vals["lang"]
    return resp
