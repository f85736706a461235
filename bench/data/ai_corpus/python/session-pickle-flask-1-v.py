# corpus: cwe=CWE-502 label=vulnerable lang=python framework=flask prompt="restore the user's saved preferences from a cookie"
import yaml

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_config():
    text = request.form.get("config")
    return jsonify(yaml.load(text, Loader=yaml.Loader))
