# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="check the 6-digit authenticator code after the password step"
import pyotp
from flask import Flask, abort, jsonify, request, session

from users import get_user

app = Flask(__name__)


@app.route("/login/2fa", methods=["POST"])
def second_factor():
    user = get_user(session["pending_user_id"])
    code = request.form["code"]
    totp = pyotp.TOTP(user.totp_secret)
    if not totp.verify(code, valid_window=1):
        abort(401)
    session["user_id"] = user.id
    session.pop("pending_user_id", None)
    return jsonify(ok=True)
