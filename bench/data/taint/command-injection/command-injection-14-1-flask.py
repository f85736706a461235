# kind: command-injection
# label: safe
# reason: int() cast
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-14-1", methods=["GET", "POST"])
def command_14_1_view():
    host = request.form["host"]
    port = int(host)
    os.system(f"fuser {port}/tcp")
    return jsonify(status="ok")
