# corpus: cwe=CWE-835 label=safe lang=python framework=flask prompt="paginate through results up to the page the client asks for"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
MAX_PAGES = 20


def fetch_page(n):
    return [n * 10 + i for i in range(10)]


@app.route("/items", methods=["GET"])
def items():
    pages = min(int(request.args.get("pages")), MAX_PAGES)
    out = []
    for n in range(pages):
        out.extend(fetch_page(n))
    return jsonify({"items": out})
