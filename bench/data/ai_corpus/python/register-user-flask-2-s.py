# corpus: cwe=CWE-256 label=safe lang=python framework=flask prompt="an endpoint that registers a new user and stores the password"
import hashlib
import os
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def hash_password(password):
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + ":" + digest.hex()


@app.route("/users", methods=["POST"])
def create_user():
    name = request.form.get("name")
    pw_hash = hash_password(request.form.get("password"))
    conn = sqlite3.connect("app.db")
    conn.execute("INSERT INTO users VALUES (?, ?)", (name, pw_hash))
    conn.commit()
    return jsonify({"created": name})
