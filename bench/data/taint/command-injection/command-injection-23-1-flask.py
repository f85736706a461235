# kind: command-injection
# label: safe
# reason: constant branch and argv list
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-23-1", methods=["GET", "POST"])
def command_23_1_view():
    host = request.cookies.get("host", "")
    DEBUG = False
    if DEBUG:
        os.system(host)
    subprocess.run(["echo", host])
    return jsonify(status="ok")
