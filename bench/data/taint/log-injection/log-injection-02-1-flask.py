# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-2-1", methods=["GET", "POST"])
def log_2_1_view():
    username = request.cookies.get("username", "")
    logger.error("bad token for user %s", username)
    return jsonify(status="ok")
