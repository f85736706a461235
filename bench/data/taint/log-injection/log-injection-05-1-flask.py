# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-5-1", methods=["GET", "POST"])
def log_5_1_view():
    username = request.headers.get("X-Username", "")
    entry = {"user": username, "action": "login"}
    logger.info("event user=%s", entry["user"])
    return jsonify(status="ok")
