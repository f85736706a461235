# kind: xxe
# label: safe
# reason: helper that drops the input
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def default_doc(raw):
    return b"<config><mode>default</mode></config>"


@app.route("/xxe-12-0", methods=["GET", "POST"])
def xxe_12_0_view():
    xml_doc = request.values.get("xmldoc")
    doc = etree.fromstring(default_doc(xml_doc))
    return jsonify(status="ok")
