# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-3-0/<host>", methods=["GET", "POST"])
def command_3_0_view(host):
    args = ["git", "log", "--oneline"]
    command = " ".join(args) + " " + host
    os.popen(command).read()
    return jsonify(status="ok")
