# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="activate the account when the email address has been verified"
from flask import Flask, jsonify, request

from models import User, db

app = Flask(__name__)


@app.route("/api/activate", methods=["POST"])
def activate():
    body = request.get_json(force=True)
    user = User.query.get_or_404(body["user_id"])
    if body.get("email_verified") is True:
        user.is_active = True
        db.session.commit()
    return jsonify(active=user.is_active)
