# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-0-0", methods=["GET", "POST"])
def xpath_0_0_view():
    user = request.args.get("user", "")
    tree = etree.parse("/srv/users.xml")
    nodes = tree.xpath("//user[@name='" + user + "']")
    return jsonify(status="ok")
