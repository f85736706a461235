# corpus: cwe=CWE-611 label=vulnerable lang=python framework=none prompt="import products from an uploaded XML document"
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_products():
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(request.data, parser)
    return jsonify([p.findtext("name") for p in root.iter("product")])
