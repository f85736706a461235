# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-8-1", methods=["GET", "POST"])
def command_8_1_view():
    host = request.values.get("host")
    jobs = {"name": host, "cmd": "uptime"}
    os.system(jobs["name"])
    return jsonify(status="ok")
