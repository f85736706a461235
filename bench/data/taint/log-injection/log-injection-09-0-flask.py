# kind: log-injection
# label: safe
# reason: CR/LF removed
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-9-0", methods=["GET", "POST"])
def log_9_0_view():
    username = request.headers.get("X-Username", "")
    logger.info("login attempt for " + username.replace("\n", "").replace("\r", ""))
    return jsonify(status="ok")
