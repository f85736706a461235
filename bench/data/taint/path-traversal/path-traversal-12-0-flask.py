# kind: path-traversal
# label: safe
# reason: basename
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-12-0", methods=["GET", "POST"])
def path_12_0_view():
    filename = request.values.get("filename")
    name = os.path.basename(filename)
    os.remove(os.path.join("/tmp/cache", name))
    return jsonify(status="ok")
