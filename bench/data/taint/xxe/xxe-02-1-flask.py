# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-2-1", methods=["GET", "POST"])
def xxe_2_1_view():
    xml_doc = request.cookies.get("xmldoc", "")
    tree = etree.parse(io.BytesIO(xml_doc.encode()))
    print(tree.getroot().tag)
    return jsonify(status="ok")
