# corpus: cwe=CWE-306 label=safe lang=python framework=none prompt="an admin endpoint that deletes a user account"
from flask import Flask, abort, jsonify
from flask_login import LoginManager, current_user, login_required

from models import User, db

app = Flask(__name__)
login_manager = LoginManager(app)


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
@login_required
def delete_user(user_id):
    if not current_user.is_admin:
        abort(403)
    user = User.query.get_or_404(user_id)
    db.session.delete(user)
    db.session.commit()
    return jsonify({"deleted": user_id})
