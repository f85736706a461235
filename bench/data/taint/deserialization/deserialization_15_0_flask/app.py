# kind: deserialization
# label: safe
# reason: helper uses json
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import decode


@app.route("/deserialization-15-0", methods=["GET", "POST"])
def deserialization_15_0_view():
    payload = request.get_json(force=True)
    blob = payload["blob"]
    data = decode(blob)
    print(data)
    return jsonify(status="ok")
