# kind: command-injection
# label: safe
# reason: argv list without a shell
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-12-0", methods=["GET", "POST"])
def command_12_0_view():
    host = request.values.get("host")
    subprocess.run(["ping", "-c", "1", host], check=False, timeout=5)
    return jsonify(status="ok")
