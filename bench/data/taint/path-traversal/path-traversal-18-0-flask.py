# kind: path-traversal
# label: safe
# reason: helper that drops the input
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def report_path(kind):
    return "/srv/reports/latest.csv"


@app.route("/path-18-0", methods=["GET", "POST"])
def path_18_0_view():
    filename = request.form["filename"]
    report = report_path(filename)
    with open(report) as f:
        print(f.read())
    return jsonify(status="ok")
