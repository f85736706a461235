# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="a script that downloads a release tarball, checks its GPG signature and installs it"
import subprocess

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.route("/documents", methods=["POST"])
def upload_document():
    f = request.files["file"]
    path = f"{UPLOADS}/{secure_filename(f.filename)}"
    f.save(path)
    subprocess.call(["clamscan", "--no-summary", path])
    return jsonify(stored=path)
