# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/deserialization-3-0/<blob>", methods=["GET", "POST"])
def deserialization_3_0_view(blob):
    import marshal
    code = marshal.loads(bytes.fromhex(blob))
    return jsonify(status="ok")
