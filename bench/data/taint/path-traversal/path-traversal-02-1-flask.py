# kind: path-traversal
# label: vulnerable
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/path-2-1", methods=["GET", "POST"])
def path_2_1_view():
    filename = request.cookies.get("filename", "")
    os.remove(f"/tmp/cache/{filename}")
    return jsonify(status="ok")
