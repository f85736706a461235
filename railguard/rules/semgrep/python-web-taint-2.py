import base64
import hashlib
import html
import os
import pickle
import uuid

import ldap
import requests
import yaml
from fastapi import FastAPI, UploadFile
from flask import Flask, make_response, request
from ldap.filter import escape_filter_chars
from pymongo import MongoClient
from werkzeug.security import generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
users = MongoClient()["app"]["users"]


@app.route("/preview")
def preview():
    target = request.args.get("url")
    # ruleid: semgrep.python.tainted-url
    page = requests.get(target, timeout=5)
    # ok: semgrep.python.tainted-url
    requests.get("https://api.example.com/status", timeout=5)
    return page.text


@app.route("/calc")
def calc():
    expr = request.args.get("expr")
    # ruleid: semgrep.python.tainted-code
    result = eval(expr)
    # ok: semgrep.python.tainted-code
    size = eval("1 + 2")
    return str(result + size)


@app.route("/prefs")
def prefs():
    blob = base64.b64decode(request.cookies.get("prefs"))
    # ruleid: semgrep.python.tainted-deserialization
    data = pickle.loads(blob)
    # ok: semgrep.python.tainted-deserialization
    config = yaml.safe_load(request.data)
    return {"prefs": data, "config": config}


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: semgrep.python.tainted-html
    resp = make_response("<h1>Hello " + name + "</h1>")
    # ok: semgrep.python.tainted-html
    safe = make_response("<h1>Hello " + html.escape(name) + "</h1>")
    return resp if name else safe


@app.route("/login", methods=["POST"])
def login():
    body = request.get_json()
    # ruleid: semgrep.python.tainted-nosql
    user = users.find_one({"username": body["username"], "token": body["token"]})
    # ok: semgrep.python.tainted-nosql
    same = users.find_one({"username": str(body["username"])})
    return {"ok": bool(user and same)}


@app.route("/avatar", methods=["POST"])
def avatar():
    f = request.files["avatar"]
    target = os.path.join("static/avatars", f.filename)
    # ruleid: semgrep.python.upload-client-filename
    f.save(target)
    # ok: semgrep.python.upload-client-filename
    f.save(os.path.join("static/avatars", secure_filename(f.filename)))
    # ok: semgrep.python.upload-client-filename
    f.save(os.path.join("static/avatars", uuid.uuid4().hex + ".png"))
    return "ok"


@api.post("/upload")
async def upload(file: UploadFile):
    # ruleid: semgrep.python.upload-client-filename
    with open(f"uploads/{file.filename}", "wb") as out:
        out.write(await file.read())
    return {"ok": True}


@app.route("/directory")
def directory():
    uid = request.args.get("uid")
    conn = ldap.initialize("ldaps://ldap.example.org")
    # ruleid: semgrep.python.tainted-ldap
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    # ok: semgrep.python.tainted-ldap
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(uid) + ")")
    return str(len(found))


@app.route("/register", methods=["POST"])
def register(db):
    username = request.form.get("username")
    password = request.form.get("password")
    # ruleid: semgrep.python.plaintext-password-stored
    db.execute("INSERT INTO users (username, password) VALUES (?, ?)", (username, password))
    # ok: semgrep.python.plaintext-password-stored
    db.execute("INSERT INTO users (username, password) VALUES (?, ?)", (username, generate_password_hash(password)))
    # ok: semgrep.python.plaintext-password-stored
    db.execute("INSERT INTO logins (username) VALUES (?)", (username,))
    digest = hashlib.sha256(b"x").hexdigest()
    return digest
