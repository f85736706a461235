# corpus: cwe=CWE-215 label=safe lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify({"status": "ok", "version": os.environ.get("APP_VERSION", "dev")})
