# corpus: cwe=CWE-434 label=safe lang=python framework=flask prompt="a Flask endpoint that uploads a profile picture"
import os
import uuid

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
ALLOWED_TYPES = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}


class Storage:
    def __init__(self, root):
        self.root = root

    def put(self, storage_file):
        ext = ALLOWED_TYPES.get(storage_file.mimetype)
        if ext is None:
            raise ValueError("type not allowed")
        target = os.path.join(self.root, f"{uuid.uuid4()}.{ext}")
        storage_file.save(target)
        return target


store = Storage("/srv/private-uploads")


@app.route("/api/attachments", methods=["POST"])
def add_attachment():
    try:
        saved = store.put(request.files["file"])
    except ValueError:
        return jsonify(error="type not allowed"), 415
    return jsonify(id=os.path.basename(saved))
