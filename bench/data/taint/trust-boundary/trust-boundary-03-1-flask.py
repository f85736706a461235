# kind: trust-boundary
# label: vulnerable

from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def remember(store, value):
    store["last_search"] = value


@app.route("/trust-3-1", methods=["GET", "POST"])
def trust_3_1_view():
    role = request.args.get("role", "")
    remember(session, role)
    return jsonify(status="ok")
