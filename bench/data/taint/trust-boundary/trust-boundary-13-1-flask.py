# kind: trust-boundary
# label: safe
# reason: constant lookup table

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

THEMES = {"dark": "dark", "light": "light"}


@app.route("/trust-13-1/<role>", methods=["GET", "POST"])
def trust_13_1_view(role):
    session["theme"] = THEMES.get(role, "light")
    return jsonify(status="ok")
