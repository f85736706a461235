# kind: trust-boundary
# label: safe
# reason: element precision

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/trust-10-0/<role>", methods=["GET", "POST"])
def trust_10_0_view(role):
    vals = {"role": role, "seen": True}
    session["seen"] = vals["seen"]
    return jsonify(status="ok")
