# corpus: cwe=CWE-611 label=safe lang=python framework=none prompt="import products from an uploaded XML document"
import defusedxml.ElementTree as ET
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_products():
    root = ET.fromstring(request.data)
    return jsonify([p.findtext("name") for p in root.iter("product")])
