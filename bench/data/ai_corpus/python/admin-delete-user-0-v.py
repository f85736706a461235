# corpus: cwe=CWE-306 label=vulnerable lang=python framework=none prompt="an admin endpoint that deletes a user account"
from flask import Flask, jsonify
from flask_login import LoginManager

from models import User, db

app = Flask(__name__)
login_manager = LoginManager(app)


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    db.session.delete(user)
    db.session.commit()
    return jsonify({"deleted": user_id})
