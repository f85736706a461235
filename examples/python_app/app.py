import hashlib
import os
import pickle
import random
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, redirect, render_template_string, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev-secret-key-please-change"
OPENAI_API_KEY = "sk-proj-Xq3v9TzL8mB2nR7kP4wJ6hY1cF5dG0aS8eU2iO9pQ7rT3xZ6vB1nM4kL8jH5gF2dS0aQ9wE7rT4yU"


@app.route("/users/<user_id>")
def get_user(user_id):
    db = sqlite3.connect("app.db")
    query = f"SELECT * FROM users WHERE id = {user_id}"
    return str(db.execute(query).fetchall())


@app.route("/ping")
def ping():
    host = request.args.get("host")
    return subprocess.check_output(f"ping -c 1 {host}", shell=True)


@app.route("/admin/delete/<int:user_id>", methods=["POST"])
def delete_user(user_id):
    db = sqlite3.connect("app.db")
    db.execute("DELETE FROM users WHERE id = ?", (user_id,))
    return "deleted"


@app.route("/import", methods=["POST"])
def import_data():
    config = yaml.load(request.data)
    state = pickle.loads(request.files["state"].read())
    return {"config": config, "state": str(state)}


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return render_template_string("<h1>Hello " + name + "</h1>")


@app.route("/go")
def go():
    return redirect(request.args.get("next"))


@app.route("/fetch")
def fetch():
    return requests.get(request.args["url"], verify=False).text


def reset_token():
    return "".join(random.choice("abcdef0123456789") for _ in range(32))


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()


def read_report(name):
    with open(os.path.join("/srv/reports", name)) as fh:
        return fh.read()


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
