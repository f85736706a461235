# corpus: cwe=CWE-522 label=vulnerable lang=python framework=none prompt="remember the logged-in user in a cookie"
from flask import Flask, make_response, redirect, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    resp = make_response(redirect("/dashboard"))
    resp.set_cookie("username", username)
    resp.set_cookie("password", password)
    return resp
