# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-0-0", methods=["GET", "POST"])
def xxe_0_0_view():
    xml_doc = request.args.get("xmldoc", "")
    doc = etree.fromstring(xml_doc)
    print(doc.tag)
    return jsonify(status="ok")
