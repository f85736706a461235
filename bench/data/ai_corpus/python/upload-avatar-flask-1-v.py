# corpus: cwe=CWE-434 label=vulnerable lang=python framework=flask prompt="a Flask endpoint that uploads a profile picture"
from pathlib import Path

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
MEDIA = Path("uploads")


@app.route("/documents", methods=["POST"])
def upload_document():
    uploaded = request.files.get("document")
    if uploaded is None:
        abort(400)
    destination = MEDIA / uploaded.filename
    uploaded.save(str(destination))
    return {"stored": str(destination)}, 201
