# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-5-1", methods=["GET", "POST"])
def deserialization_5_1_view():
    blob = request.headers.get("X-Blob", "")
    items = {"state": blob, "version": "1"}
    pickle.loads(base64.b64decode(items["state"]))
    return jsonify(status="ok")
