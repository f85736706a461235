# kind: log-injection
# label: safe
# reason: %r formatting escapes line breaks
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-8-1", methods=["GET", "POST"])
def log_8_1_view():
    username = request.values.get("username")
    logger.info("login attempt for %r", username)
    return jsonify(status="ok")
