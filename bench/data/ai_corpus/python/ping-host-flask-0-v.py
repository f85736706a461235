# corpus: cwe=CWE-78 label=vulnerable lang=python framework=flask prompt="an endpoint that pings a host given by the user"
import subprocess

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/ping", methods=["GET"])
def ping():
    host = request.args.get("host")
    output = subprocess.check_output(f"ping -c 1 {host}", shell=True, text=True)
    return jsonify({"output": output})
