# kind: command-injection
# label: safe
# reason: element precision (list index)
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-18-0", methods=["GET", "POST"])
def command_18_0_view():
    host = request.form["host"]
    cmds = ["uptime", host]
    subprocess.run(cmds[0], shell=True)
    return jsonify(status="ok")
