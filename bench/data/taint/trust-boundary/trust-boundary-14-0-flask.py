# kind: trust-boundary
# label: safe
# reason: isdigit() guard

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-14-0", methods=["GET", "POST"])
def trust_14_0_view():
    role = request.args.get("role", "")
    if role.isdigit():
        session["page"] = role
    return jsonify(status="ok")
