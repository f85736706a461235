# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-9-0", methods=["GET", "POST"])
def command_9_0_view():
    host = request.headers.get("X-Host", "")
    if host:
        os.system(f"dig +short {host}")
    return jsonify(status="ok")
