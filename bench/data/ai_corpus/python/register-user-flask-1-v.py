# corpus: cwe=CWE-256 label=vulnerable lang=python framework=flask prompt="an endpoint that registers a new user and stores the password"
import base64
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/signup", methods=["POST"])
def signup():
    email = request.get_json().get("email")
    raw = request.get_json().get("password")
    encoded = base64.b64encode(raw.encode()).decode()
    with sqlite3.connect("app.db") as conn:
        conn.execute("INSERT INTO accounts(email, pw) VALUES (?, ?)", (email, encoded))
    return jsonify({"status": "created"})
