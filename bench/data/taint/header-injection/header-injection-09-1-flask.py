# kind: header-injection
# label: safe
# reason: allow-list guard

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/header-9-1", methods=["GET", "POST"])
def header_9_1_view():
    lang = request.cookies.get("lang", "")
    if lang not in ("en", "de", "fr"):
        abort(400)
    resp = make_response("ok")
    resp.headers["Content-Language"] = lang
    return resp
