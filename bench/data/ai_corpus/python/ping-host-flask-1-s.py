# corpus: cwe=CWE-78 label=safe lang=python framework=flask prompt="an endpoint that pings a host given by the user"
import subprocess

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
FORMATS = ("png", "jpg", "webp")


def convert(src, fmt):
    subprocess.run(["convert", "--", src, "out." + fmt], check=True)
    return "out." + fmt


@app.route("/convert", methods=["POST"])
def convert_image():
    fmt = request.form.get("format")
    if fmt not in FORMATS:
        abort(400)
    return jsonify({"file": convert("upload.bin", fmt)})
