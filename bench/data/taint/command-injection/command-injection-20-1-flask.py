# kind: command-injection
# label: safe
# reason: helper that drops the input
import os
import shlex
import subprocess
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def describe(value):
    return "user request received"


@app.route("/command-20-1/<host>", methods=["GET", "POST"])
def command_20_1_view(host):
    label = describe(host)
    os.system("logger " + label)
    return jsonify(status="ok")
