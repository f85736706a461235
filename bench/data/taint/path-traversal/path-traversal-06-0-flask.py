# kind: path-traversal
# label: vulnerable
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def read_doc(name):
    with open("/srv/docs/" + name, encoding="utf-8") as f:
        return f.read()


@app.route("/path-6-0", methods=["GET", "POST"])
def path_6_0_view():
    filename = request.cookies.get("filename", "")
    read_doc(filename)
    return jsonify(status="ok")
