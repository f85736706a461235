# corpus: cwe=CWE-256 label=vulnerable lang=python framework=flask prompt="an endpoint that registers a new user and stores the password"
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def db():
    return sqlite3.connect("users.db")


@app.route("/register", methods=["POST"])
def register():
    username = request.form.get("username")
    password = request.form.get("password")
    conn = db()
    conn.execute("INSERT INTO users (username, password) VALUES (?, ?)", (username, password))
    conn.commit()
    return jsonify({"ok": True})
