# kind: path-traversal
# label: vulnerable
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-9-0", methods=["GET", "POST"])
def path_9_0_view():
    filename = request.headers.get("X-Filename", "")
    name = filename.replace("/", "_")
    with open("/srv/files/" + name + ".txt") as f:
        print(f.read())
    return jsonify(status="ok")
