# kind: command-injection
# label: safe
# reason: validated with isalnum()
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-21-0", methods=["GET", "POST"])
def command_21_0_view():
    host = request.args.get("host", "")
    if host.isalnum():
        os.system("id " + host)
    return jsonify(status="ok")
