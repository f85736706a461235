# corpus: cwe=CWE-252 label=vulnerable lang=python framework=flask prompt="verify the user's password before changing the email"
import bcrypt

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
from accounts import current_user_for, save_user


@app.route("/account/email", methods=["POST"])
def change_email():
    user = current_user_for(request)
    password = request.form.get("password")
    new_email = request.form.get("email")
    bcrypt.checkpw(password.encode(), user.password_hash)
    user.email = new_email
    save_user(user)
    return jsonify({"email": new_email})
