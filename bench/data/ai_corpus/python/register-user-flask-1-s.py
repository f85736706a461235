# corpus: cwe=CWE-256 label=safe lang=python framework=flask prompt="an endpoint that registers a new user and stores the password"
import sqlite3

import bcrypt

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/signup", methods=["POST"])
def signup():
    email = request.get_json().get("email")
    raw = request.get_json().get("password")
    hashed = bcrypt.hashpw(raw.encode(), bcrypt.gensalt()).decode()
    with sqlite3.connect("app.db") as conn:
        conn.execute("INSERT INTO accounts(email, pw) VALUES (?, ?)", (email, hashed))
    return jsonify({"status": "created"})
