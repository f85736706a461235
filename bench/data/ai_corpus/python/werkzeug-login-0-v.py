# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="a Flask login view using werkzeug password hashes"
from flask import Flask, redirect, render_template, request, url_for
from flask_login import LoginManager, login_user
from werkzeug.security import check_password_hash

from models import User

app = Flask(__name__)
login_manager = LoginManager(app)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = User.query.filter_by(username=request.form["username"]).first()
    if not user:
        return render_template("login.html", error="Unknown user")
    check_password_hash(user.password_hash, request.form["password"])
    login_user(user)
    return redirect(url_for("dashboard"))
