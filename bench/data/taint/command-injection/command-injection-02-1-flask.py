# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-2-1", methods=["GET", "POST"])
def command_2_1_view():
    host = request.cookies.get("host", "")
    cmd = "tar czf /tmp/backup.tgz %s" % host
    subprocess.call(cmd, shell=True)
    return jsonify(status="ok")
