# corpus: cwe=CWE-215 label=safe lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
from flask import Flask, jsonify

app = Flask(__name__)
app.config.from_object("settings")
PUBLIC_KEYS = ("APP_NAME", "FEATURE_FLAGS")


@app.route("/admin/config")
def show_config():
    return jsonify({k: str(app.config.get(k)) for k in PUBLIC_KEYS})
