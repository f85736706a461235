# corpus: cwe=CWE-79 label=safe lang=python framework=flask prompt="a page that greets the user by name"
import html

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/hello", methods=["GET"])
def hello():
    name = request.args.get("name")
    return f"<h1>Hello, {html.escape(name or '')}!</h1>"
