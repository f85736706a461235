# kind: deserialization
# label: safe
# reason: json.loads
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-9-0", methods=["GET", "POST"])
def deserialization_9_0_view():
    blob = request.headers.get("X-Blob", "")
    obj = json.loads(blob)
    print(obj)
    return jsonify(status="ok")
