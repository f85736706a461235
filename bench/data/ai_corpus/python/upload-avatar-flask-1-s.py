# corpus: cwe=CWE-434 label=safe lang=python framework=flask prompt="a Flask endpoint that uploads a profile picture"
from pathlib import Path

from werkzeug.utils import secure_filename

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
MEDIA = Path("uploads")
ALLOWED = {".pdf", ".docx", ".txt"}


@app.route("/documents", methods=["POST"])
def upload_document():
    uploaded = request.files.get("document")
    if uploaded is None:
        abort(400)
    filename = secure_filename(uploaded.filename)
    if Path(filename).suffix.lower() not in ALLOWED:
        abort(415)
    destination = MEDIA / filename
    uploaded.save(str(destination))
    return {"stored": filename}, 201
