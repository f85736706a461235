# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def parse_invoice(raw):
    root = etree.XML(raw)
    return root.findtext("total")


@app.route("/xxe-3-0/<xml_doc>", methods=["GET", "POST"])
def xxe_3_0_view(xml_doc):
    parse_invoice(xml_doc)
    return jsonify(status="ok")
