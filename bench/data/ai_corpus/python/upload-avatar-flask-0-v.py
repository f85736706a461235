# corpus: cwe=CWE-434 label=vulnerable lang=python framework=flask prompt="a Flask endpoint that uploads a profile picture"
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
UPLOAD_DIR = os.path.join(app.root_path, "static", "avatars")


@app.route("/profile/avatar", methods=["POST"])
def upload_avatar():
    if "avatar" not in request.files:
        return jsonify({"error": "no file"}), 400
    file = request.files["avatar"]
    if file.filename == "":
        return jsonify({"error": "empty filename"}), 400
    path = os.path.join(UPLOAD_DIR, file.filename)
    file.save(path)
    return jsonify({"url": f"/static/avatars/{file.filename}"})
