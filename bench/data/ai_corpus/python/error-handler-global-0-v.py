# corpus: cwe=CWE-209 label=vulnerable lang=python framework=none prompt="add a global error handler to the Flask app"
import traceback

from flask import Flask, jsonify

app = Flask(__name__)


@app.errorhandler(Exception)
def handle_exception(e):
    return jsonify({"error": str(e), "trace": traceback.format_exc()}), 500
