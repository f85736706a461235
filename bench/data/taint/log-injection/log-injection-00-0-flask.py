# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-0-0", methods=["GET", "POST"])
def log_0_0_view():
    username = request.args.get("username", "")
    logger.info("login attempt for " + username)
    return jsonify(status="ok")
