# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/log-3-0/<username>", methods=["GET", "POST"])
def log_3_0_view(username):
    log = logging.getLogger("audit")
    log.info("user %s exported data" % username)
    return jsonify(status="ok")
