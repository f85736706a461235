# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import load_session


@app.route("/deserialization-6-0", methods=["GET", "POST"])
def deserialization_6_0_view():
    blob = request.cookies.get("blob", "")
    load_session(blob)
    return jsonify(status="ok")
