# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="a script that downloads a release tarball, checks its GPG signature and installs it"
import os
import subprocess

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.route("/documents", methods=["POST"])
def upload_document():
    f = request.files["file"]
    path = f"{UPLOADS}/{secure_filename(f.filename)}"
    f.save(path)
    if subprocess.call(["clamscan", "--no-summary", path]) != 0:
        os.remove(path)
        abort(422)
    return jsonify(stored=path)
