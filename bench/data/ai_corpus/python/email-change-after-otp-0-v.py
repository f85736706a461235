# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="change the account email only after the one-time code sent by SMS was entered"
from flask import Flask, abort, jsonify, request
from flask_login import current_user, login_required

from models import db

app = Flask(__name__)


@app.route("/account/email", methods=["POST"])
@login_required
def change_email():
    if request.cookies.get("otp_verified") != "1":
        abort(403)
    current_user.email = request.form["email"]
    db.session.commit()
    return jsonify(email=current_user.email)
