# kind: xxe
# label: safe
# reason: defusedxml
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-8-1", methods=["GET", "POST"])
def xxe_8_1_view():
    xml_doc = request.values.get("xmldoc")
    doc = SafeET.fromstring(xml_doc)
    print(doc.tag)
    return jsonify(status="ok")
