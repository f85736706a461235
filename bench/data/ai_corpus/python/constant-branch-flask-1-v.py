# corpus: cwe=CWE-78 label=vulnerable lang=python framework=flask prompt="run a report command chosen by a feature flag"
import subprocess

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/job", methods=["GET"])
def job():
    param = request.args.get("name")
    num = 86
    bar = param if (7 * 42) - num > 200 else "This should never happen"
    subprocess.run("run-job " + bar, shell=True, check=True)
    return jsonify({"ok": True})
