# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-0-0", methods=["GET", "POST"])
def deserialization_0_0_view():
    blob = request.args.get("blob", "")
    obj = pickle.loads(base64.b64decode(blob))
    print(obj)
    return jsonify(status="ok")
