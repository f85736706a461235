# kind: xxe
# label: safe
# reason: entities disabled
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-9-0", methods=["GET", "POST"])
def xxe_9_0_view():
    xml_doc = request.headers.get("X-Xmldoc", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml_doc.encode(), parser)
    print(root.tag)
    return jsonify(status="ok")
