# corpus: cwe=CWE-943 label=safe lang=python framework=flask prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
users = MongoClient()["app"]["users"]


@app.route("/login", methods=["POST"])
def login():
    username = request.get_json().get("username")
    token = request.get_json().get("password_hash")
    if not isinstance(username, str) or not isinstance(token, str):
        abort(400)
    user = users.find_one({"username": username, "password_hash": token})
    if not user:
        abort(401)
    return jsonify({"ok": True})
