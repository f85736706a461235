# corpus: cwe=CWE-78 label=safe lang=python framework=flask prompt="run a report command chosen by a feature flag"
import subprocess

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/job", methods=["GET"])
def job():
    param = request.args.get("name")
    num = 106
    bar = "This should never happen" if (7 * 18) + num > 200 else param
    subprocess.run("run-job " + bar, shell=True, check=True)
    return jsonify({"ok": True})
