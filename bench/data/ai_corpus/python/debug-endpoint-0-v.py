# corpus: cwe=CWE-215 label=vulnerable lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/debug/env")
def debug_env():
    return jsonify(dict(os.environ))
