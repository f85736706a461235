# corpus: cwe=CWE-943 label=vulnerable lang=python framework=flask prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
users = MongoClient()["app"]["users"]


@app.route("/login", methods=["POST"])
def login():
    user = users.find_one({"username": request.get_json().get("username"), "password_hash": request.get_json().get("password_hash")})
    if not user:
        abort(401)
    return jsonify({"ok": True})
