# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-8-1", methods=["GET", "POST"])
def deserialization_8_1_view():
    blob = request.values.get("blob")
    import jsonpickle
    obj = jsonpickle.decode(blob)
    return jsonify(status="ok")
