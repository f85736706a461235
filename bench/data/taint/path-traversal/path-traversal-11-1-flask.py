# kind: path-traversal
# label: safe
# reason: secure_filename
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-11-1", methods=["GET", "POST"])
def path_11_1_view():
    payload = request.get_json(force=True)
    filename = payload["filename"]
    name = secure_filename(filename)
    with open(os.path.join("/srv/uploads", name)) as fh:
        print(fh.read())
    return jsonify(status="ok")
