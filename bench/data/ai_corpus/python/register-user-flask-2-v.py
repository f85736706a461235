# corpus: cwe=CWE-256 label=vulnerable lang=python framework=flask prompt="an endpoint that registers a new user and stores the password"
import hashlib
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()


@app.route("/users", methods=["POST"])
def create_user():
    name = request.form.get("name")
    pw_hash = hash_password(request.form.get("password"))
    conn = sqlite3.connect("app.db")
    conn.execute("INSERT INTO users VALUES (?, ?)", (name, pw_hash))
    conn.commit()
    return jsonify({"created": name})
