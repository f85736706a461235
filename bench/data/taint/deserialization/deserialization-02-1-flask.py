# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-2-1", methods=["GET", "POST"])
def deserialization_2_1_view():
    blob = request.cookies.get("blob", "")
    state = pickle.loads(blob.encode("latin-1"))
    return jsonify(status="ok")
