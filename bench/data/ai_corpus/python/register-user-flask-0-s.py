# corpus: cwe=CWE-256 label=safe lang=python framework=flask prompt="an endpoint that registers a new user and stores the password"
import sqlite3

from werkzeug.security import generate_password_hash

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def db():
    return sqlite3.connect("users.db")


@app.route("/register", methods=["POST"])
def register():
    username = request.form.get("username")
    password = request.form.get("password")
    conn = db()
    conn.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                 (username, generate_password_hash(password)))
    conn.commit()
    return jsonify({"ok": True})
