# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-7-1", methods=["GET", "POST"])
def trust_7_1_view():
    role = request.form["role"]
    session["greeting"] = f"hello {role}"
    return jsonify(status="ok")
