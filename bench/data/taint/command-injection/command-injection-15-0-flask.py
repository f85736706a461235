# kind: command-injection
# label: safe
# reason: allow-list guard
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

ALLOWED_TOOLS = {"git", "python3", "node"}


@app.route("/command-15-0", methods=["GET", "POST"])
def command_15_0_view():
    payload = request.get_json(force=True)
    host = payload["host"]
    if host not in ALLOWED_TOOLS:
        abort(400)
    os.system(host + " --version")
    return jsonify(status="ok")
