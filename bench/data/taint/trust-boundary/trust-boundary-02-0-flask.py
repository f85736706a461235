# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-2-0", methods=["GET", "POST"])
def trust_2_0_view():
    role = request.headers.get("X-Role", "")
    session.update(cart=role)
    return jsonify(status="ok")
