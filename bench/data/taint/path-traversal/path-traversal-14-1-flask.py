# kind: path-traversal
# label: safe
# reason: allow-list guard
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

ALLOWED_FILES = {"terms.pdf", "privacy.pdf", "logo.png"}


@app.route("/path-14-1", methods=["GET", "POST"])
def path_14_1_view():
    filename = request.form["filename"]
    if filename not in ALLOWED_FILES:
        abort(404)
    return send_file(os.path.join("/srv/static", filename))
