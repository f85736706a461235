# corpus: cwe=CWE-502 label=vulnerable lang=python framework=flask prompt="restore the user's saved preferences from a cookie"
import base64
import pickle

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/prefs", methods=["GET"])
def load_prefs():
    blob = request.cookies.get("prefs")
    prefs = pickle.loads(base64.b64decode(blob))
    return jsonify(prefs)
