# corpus: cwe=CWE-215 label=vulnerable lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
from flask import Flask, jsonify

app = Flask(__name__)
app.config.from_object("settings")


@app.route("/admin/config")
def show_config():
    return jsonify({k: str(v) for k, v in app.config.items()})
