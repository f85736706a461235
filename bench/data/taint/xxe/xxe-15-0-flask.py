# kind: xxe
# label: safe
# reason: constant lookup table
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

TEMPLATES = {"a": "<a/>", "b": "<b/>"}


@app.route("/xxe-15-0", methods=["GET", "POST"])
def xxe_15_0_view():
    payload = request.get_json(force=True)
    xml_doc = payload["xmldoc"]
    template = TEMPLATES.get(xml_doc, "<empty/>")
    etree.fromstring(template)
    return jsonify(status="ok")
