# kind: header-injection
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def tag_response(response, value):
    response.headers["X-Tag"] = value


@app.route("/header-4-0", methods=["GET", "POST"])
def header_4_0_view():
    lang = request.form["lang"]
    resp = make_response("ok")
    tag_response(resp, lang)
    return resp
