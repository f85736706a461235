# corpus: cwe=CWE-522 label=safe lang=python framework=none prompt="remember the logged-in user in a cookie"
from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    session.clear()
    session["username"] = username
    return redirect("/dashboard")
