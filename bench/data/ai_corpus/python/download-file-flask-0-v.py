# corpus: cwe=CWE-22 label=vulnerable lang=python framework=flask prompt="an endpoint that lets users download their report files"
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
REPORTS = "/srv/reports"


@app.route("/reports/download", methods=["GET"])
def download_report():
    name = request.args.get("name")
    with open(os.path.join(REPORTS, name)) as fh:
        return fh.read()
