# corpus: cwe=CWE-22 label=safe lang=python framework=flask prompt="an endpoint that lets users download their report files"
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
REPORTS = "/srv/reports"


@app.route("/reports/download", methods=["GET"])
def download_report():
    name = request.args.get("name")
    path = os.path.realpath(os.path.join(REPORTS, name))
    if not path.startswith(REPORTS + os.sep):
        abort(404)
    with open(path) as fh:
        return fh.read()
