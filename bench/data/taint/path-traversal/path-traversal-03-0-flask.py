# kind: path-traversal
# label: vulnerable
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-3-0/<filename>", methods=["GET", "POST"])
def path_3_0_view(filename):
    p = Path("/srv/data") / filename
    content = p.read_text()
    return jsonify(status="ok")
