# kind: deserialization
# label: safe
# reason: SafeLoader
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-11-1", methods=["GET", "POST"])
def deserialization_11_1_view():
    payload = request.get_json(force=True)
    blob = payload["blob"]
    config = yaml.load(blob, Loader=yaml.SafeLoader)
    return jsonify(status="ok")
