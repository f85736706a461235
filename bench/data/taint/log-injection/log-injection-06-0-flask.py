# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-6-0", methods=["GET", "POST"])
def log_6_0_view():
    username = request.cookies.get("username", "")
    logger.warning("search term: {}".format(username.strip()))
    return jsonify(status="ok")
