# kind: path-traversal
# label: safe
# reason: constant branch
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-17-1", methods=["GET", "POST"])
def path_17_1_view():
    filename = request.args.get("filename", "")
    if "x".upper() == "y":
        os.remove(filename)
    os.remove("/tmp/cache/stale.lock")
    return jsonify(status="ok")
