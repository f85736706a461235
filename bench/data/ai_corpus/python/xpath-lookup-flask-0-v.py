# corpus: cwe=CWE-643 label=vulnerable lang=python framework=flask prompt="find a book by title in the XML catalogue"
from lxml import etree

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
catalogue = etree.parse("catalogue.xml")


@app.route("/books", methods=["GET"])
def book():
    title = request.args.get("title")
    nodes = catalogue.xpath("//book[title='" + title + "']/price/text()")
    return jsonify({"prices": [str(n) for n in nodes]})
