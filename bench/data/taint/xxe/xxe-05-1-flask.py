# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xxe-5-1", methods=["GET", "POST"])
def xxe_5_1_view():
    xml_doc = request.headers.get("X-Xmldoc", "")
    docs = {"body": xml_doc, "schema": "<x/>"}
    etree.fromstring(docs["body"])
    return jsonify(status="ok")
