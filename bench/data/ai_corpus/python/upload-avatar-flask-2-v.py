# corpus: cwe=CWE-434 label=vulnerable lang=python framework=flask prompt="a Flask endpoint that uploads a profile picture"
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


class Storage:
    def __init__(self, root):
        self.root = root

    def put(self, storage_file):
        target = os.path.join(self.root, storage_file.filename)
        storage_file.save(target)
        return target


store = Storage("/var/www/app/static/uploads")


@app.route("/api/attachments", methods=["POST"])
def add_attachment():
    saved = store.put(request.files["file"])
    return jsonify(path=saved)
