# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import load_feed


@app.route("/xxe-6-0", methods=["GET", "POST"])
def xxe_6_0_view():
    xml_doc = request.cookies.get("xmldoc", "")
    load_feed(xml_doc)
    return jsonify(status="ok")
