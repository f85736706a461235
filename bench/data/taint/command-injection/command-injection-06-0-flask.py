# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-6-0", methods=["GET", "POST"])
def command_6_0_view():
    host = request.cookies.get("host", "")
    parts = shlex.split(host)
    subprocess.run(parts)
    return jsonify(status="ok")
