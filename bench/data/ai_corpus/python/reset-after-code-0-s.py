# corpus: cwe=CWE-841 label=safe lang=python framework=none prompt="password reset in two steps: check the emailed code, then set the new password"
from flask import Flask, render_template, request, session

from models import User, db

app = Flask(__name__)


@app.route("/reset/new-password", methods=["POST"])
def set_new_password():
    email = session.get("reset_email")
    if email and session.get("reset_code_verified"):
        user = User.query.filter_by(email=email).first_or_404()
        user.set_password(request.form["password"])
        db.session.commit()
        session.clear()
        return render_template("reset_done.html")
    return render_template("reset_code.html")
