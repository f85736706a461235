# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-3-0/<user>", methods=["GET", "POST"])
def xpath_3_0_view(user):
    tree = ET.parse("/srv/config.xml")
    root = tree.getroot()
    root.findall(".//setting[@key='" + user + "']")
    return jsonify(status="ok")
