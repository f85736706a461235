# kind: deserialization
# label: safe
# reason: element precision
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-12-0", methods=["GET", "POST"])
def deserialization_12_0_view():
    blob = request.values.get("blob")
    items = {"state": blob, "version": "1"}
    pickle.loads(pickle.dumps(items["version"]))
    return jsonify(status="ok")
