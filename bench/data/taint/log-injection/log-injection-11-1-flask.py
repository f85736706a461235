# kind: log-injection
# label: safe
# reason: int() cast
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-11-1", methods=["GET", "POST"])
def log_11_1_view():
    payload = request.get_json(force=True)
    username = payload["username"]
    uid = int(username)
    logger.info("user %d logged in", uid)
    return jsonify(status="ok")
