# corpus: cwe=CWE-522 label=safe lang=python framework=flask prompt="a login endpoint that checks the username and password against the database"
import sqlite3

from werkzeug.security import check_password_hash

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username")
    password = request.form.get("password")
    conn = sqlite3.connect("users.db")
    row = conn.execute("SELECT password_hash FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or not check_password_hash(row[0], password):
        abort(401)
    return jsonify({"message": "welcome"})
