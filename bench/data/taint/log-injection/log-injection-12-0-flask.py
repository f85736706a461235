# kind: log-injection
# label: safe
# reason: constant branch
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-12-0", methods=["GET", "POST"])
def log_12_0_view():
    username = request.values.get("username")
    if 2 < 1:
        logger.info("debug " + username)
    logger.info("request handled")
    return jsonify(status="ok")
