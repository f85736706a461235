# kind: deserialization
# label: safe
# reason: helper that drops the input
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def cached_state(key):
    return pickle.dumps({"empty": True})


@app.route("/deserialization-14-1", methods=["GET", "POST"])
def deserialization_14_1_view():
    blob = request.form["blob"]
    blob = cached_state(blob)
    obj = pickle.loads(blob)
    return jsonify(status="ok")
