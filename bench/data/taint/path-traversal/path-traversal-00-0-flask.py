# kind: path-traversal
# label: vulnerable
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-0-0", methods=["GET", "POST"])
def path_0_0_view():
    filename = request.args.get("filename", "")
    with open(os.path.join("/srv/uploads", filename)) as fh:
        data = fh.read()
    return jsonify(status="ok")
