# kind: path-traversal
# label: safe
# reason: element precision
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-15-0", methods=["GET", "POST"])
def path_15_0_view():
    payload = request.get_json(force=True)
    filename = payload["filename"]
    paths = {"src": filename, "dst": "/tmp/out"}
    os.makedirs(paths["dst"], exist_ok=True)
    return jsonify(status="ok")
