# corpus: cwe=CWE-200 label=vulnerable lang=python framework=none prompt="a route that returns a user's profile as JSON"
from flask import Flask, jsonify

from models import User

app = Flask(__name__)


@app.route("/api/users/<int:user_id>")
def get_user(user_id):
    user = User.query.get_or_404(user_id)
    return jsonify(user.to_dict())


def to_dict(user):
    return {"id": user.id, "email": user.email, "password_hash": user.password_hash}
