# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-4-0", methods=["GET", "POST"])
def trust_4_0_view():
    role = request.form["role"]
    vals = {"role": role, "seen": True}
    session["role"] = vals["role"]
    return jsonify(status="ok")
