# corpus: cwe=CWE-209 label=safe lang=python framework=none prompt="add a global error handler to the Flask app"
import logging

from flask import Flask, jsonify

app = Flask(__name__)


@app.errorhandler(Exception)
def handle_exception(e):
    logging.getLogger(__name__).exception("unhandled error")
    return jsonify({"error": "internal server error"}), 500
