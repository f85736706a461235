# kind: log-injection
# label: safe
# reason: allow-list guard
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

KNOWN_USERS = {"alice", "bob"}


@app.route("/log-15-0", methods=["GET", "POST"])
def log_15_0_view():
    payload = request.get_json(force=True)
    username = payload["username"]
    if username not in KNOWN_USERS:
        abort(403)
    logger.info("known user %s", username)
    return jsonify(status="ok")
