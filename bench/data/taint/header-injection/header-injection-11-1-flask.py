# kind: header-injection
# label: safe
# reason: int() cast

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-11-1", methods=["GET", "POST"])
def header_11_1_view():
    payload = request.get_json(force=True)
    lang = payload["lang"]
    size = int(lang)
    resp = make_response("ok")
    resp.headers["X-Page-Size"] = str(size)
    return resp
