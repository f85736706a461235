# kind: command-injection
# label: safe
# reason: element precision
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/command-17-1", methods=["GET", "POST"])
def command_17_1_view():
    host = request.args.get("host", "")
    jobs = {"name": host, "cmd": "uptime"}
    os.system(jobs["cmd"])
    return jsonify(status="ok")
