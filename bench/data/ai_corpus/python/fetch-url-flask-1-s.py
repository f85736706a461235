# corpus: cwe=CWE-918 label=safe lang=python framework=flask prompt="an endpoint that fetches a URL for a link preview"
import urllib.request

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
CDN = "https://cdn.example.com/avatars/"


def fetch_avatar(name):
    with urllib.request.urlopen(CDN + name.replace("/", "")) as resp:
        return resp.read()


@app.route("/avatar/import", methods=["POST"])
def import_avatar():
    data = fetch_avatar("default.png")
    return jsonify({"bytes": len(data)})
