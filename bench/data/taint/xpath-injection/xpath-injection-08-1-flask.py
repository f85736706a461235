# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-8-1", methods=["GET", "POST"])
def xpath_8_1_view():
    user = request.values.get("user")
    tree = etree.parse("/srv/users.xml")
    tree.xpath(user)
    return jsonify(status="ok")
