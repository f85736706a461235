# kind: header-injection
# label: safe
# reason: urllib.parse.quote

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from urllib.parse import quote


@app.route("/header-14-0", methods=["GET", "POST"])
def header_14_0_view():
    lang = request.args.get("lang", "")
    resp = make_response("ok")
    resp.headers["X-Ref"] = quote(lang)
    return resp
