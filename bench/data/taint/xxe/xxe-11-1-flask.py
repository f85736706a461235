# kind: xxe
# label: safe
# reason: constant branch
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-11-1", methods=["GET", "POST"])
def xxe_11_1_view():
    payload = request.get_json(force=True)
    xml_doc = payload["xmldoc"]
    if 5 < 2:
        etree.fromstring(xml_doc)
    print("disabled")
    return jsonify(status="ok")
