# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-5-1", methods=["GET", "POST"])
def command_5_1_view():
    host = request.headers.get("X-Host", "")
    subprocess.run(["bash", "-c", "du -sh " + host], check=False)
    return jsonify(status="ok")
