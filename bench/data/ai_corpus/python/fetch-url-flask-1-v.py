# corpus: cwe=CWE-918 label=vulnerable lang=python framework=flask prompt="an endpoint that fetches a URL for a link preview"
import urllib.request

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def fetch_avatar(source):
    with urllib.request.urlopen(source) as resp:
        return resp.read()


@app.route("/avatar/import", methods=["POST"])
def import_avatar():
    data = fetch_avatar(request.get_json().get("avatar_url"))
    return jsonify({"bytes": len(data)})
