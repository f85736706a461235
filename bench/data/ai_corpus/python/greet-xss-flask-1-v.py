# corpus: cwe=CWE-79 label=vulnerable lang=python framework=flask prompt="a page that greets the user by name"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/search", methods=["GET"])
def search_page():
    term = request.args.get("q")
    body = "<p>Results for " + term + "</p><ul></ul>"
    return body
