# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-11-1", methods=["GET", "POST"])
def command_11_1_view():
    payload = request.get_json(force=True)
    host = payload["host"]
    line = "host " + host.strip()
    os.system(line)
    return jsonify(status="ok")
