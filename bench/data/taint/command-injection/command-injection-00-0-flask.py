# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-0-0", methods=["GET", "POST"])
def command_0_0_view():
    host = request.args.get("host", "")
    os.system("ping -c 1 " + host)
    return jsonify(status="ok")
