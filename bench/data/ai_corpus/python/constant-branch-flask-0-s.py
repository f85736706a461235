# corpus: cwe=CWE-78 label=safe lang=python framework=flask prompt="run a report command chosen by a feature flag"
import subprocess

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/report", methods=["GET"])
def report():
    param = request.args.get("target")
    values = ["safe", param, "moot"]
    chosen = values[0]
    out = subprocess.run("report --target " + chosen, shell=True, capture_output=True, text=True)
    return jsonify({"out": out.stdout})
