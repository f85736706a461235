# kind: header-injection
# label: safe
# reason: CR/LF removed

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-8-0", methods=["GET", "POST"])
def header_8_0_view():
    payload = request.get_json(force=True)
    lang = payload["lang"]
    resp = make_response("ok")
    resp.headers["Content-Language"] = lang.replace("\r", "").replace("\n", "")
    return resp
