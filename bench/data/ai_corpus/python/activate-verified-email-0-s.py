# corpus: cwe=CWE-841 label=safe lang=python framework=none prompt="activate the account when the email address has been verified"
from flask import Flask, abort, jsonify, request

from models import EmailToken, User, db

app = Flask(__name__)


@app.route("/api/activate", methods=["POST"])
def activate():
    body = request.get_json(force=True)
    token = EmailToken.query.filter_by(token=body["token"], used=False).first()
    if token is None:
        abort(400)
    user = User.query.get_or_404(token.user_id)
    user.is_active = True
    token.used = True
    db.session.commit()
    return jsonify(active=user.is_active)
