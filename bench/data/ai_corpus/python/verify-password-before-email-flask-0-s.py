# corpus: cwe=CWE-252 label=safe lang=python framework=flask prompt="verify the user's password before changing the email"
import bcrypt

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
from accounts import current_user_for, save_user


@app.route("/account/email", methods=["POST"])
def change_email():
    user = current_user_for(request)
    password = request.form.get("password")
    new_email = request.form.get("email")
    if not password or not bcrypt.checkpw(password.encode(), user.password_hash):
        abort(403)
    user.email = new_email
    save_user(user)
    return jsonify({"email": new_email})
