# kind: xxe
# label: safe
# reason: entities disabled
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-14-1", methods=["GET", "POST"])
def xxe_14_1_view():
    xml_doc = request.form["xmldoc"]
    safe_parser = etree.XMLParser(resolve_entities=False)
    tree = etree.parse(io.BytesIO(xml_doc.encode()), parser=safe_parser)
    print(tree.getroot().tag)
    return jsonify(status="ok")
