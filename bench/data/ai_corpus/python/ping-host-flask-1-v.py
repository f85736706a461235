# corpus: cwe=CWE-78 label=vulnerable lang=python framework=flask prompt="an endpoint that pings a host given by the user"
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def convert(src, fmt):
    os.system("convert " + src + " out." + fmt)
    return "out." + fmt


@app.route("/convert", methods=["POST"])
def convert_image():
    return jsonify({"file": convert(request.form.get("file"), request.form.get("format"))})
