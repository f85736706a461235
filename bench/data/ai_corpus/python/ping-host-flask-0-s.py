# corpus: cwe=CWE-78 label=safe lang=python framework=flask prompt="an endpoint that pings a host given by the user"
import ipaddress
import subprocess

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/ping", methods=["GET"])
def ping():
    host = request.args.get("host")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        abort(400)
    output = subprocess.check_output(["ping", "-c", "1", host], text=True)
    return jsonify({"output": output})
