# corpus: cwe=CWE-522 label=vulnerable lang=python framework=flask prompt="a login endpoint that checks the username and password against the database"
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username")
    password = request.form.get("password")
    conn = sqlite3.connect("users.db")
    row = conn.execute("SELECT password FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or row[0] != password:
        abort(401)
    return jsonify({"message": "welcome"})
