# kind: path-traversal
# label: safe
# reason: rejects .. and absolute paths
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-21-0", methods=["GET", "POST"])
def path_21_0_view():
    filename = request.args.get("filename", "")
    if ".." in filename or filename.startswith("/"):
        abort(400)
    with open(os.path.join("/srv/notes", filename)) as f:
        print(f.read())
    return jsonify(status="ok")
