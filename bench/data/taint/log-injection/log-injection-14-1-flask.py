# kind: log-injection
# label: safe
# reason: !r conversion
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-14-1", methods=["GET", "POST"])
def log_14_1_view():
    username = request.form["username"]
    logger.info(f"search term: {username!r}")
    return jsonify(status="ok")
