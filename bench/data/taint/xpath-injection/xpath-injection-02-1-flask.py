# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-2-1", methods=["GET", "POST"])
def xpath_2_1_view():
    user = request.cookies.get("user", "")
    finder = etree.XPath("//item[@sku='%s']" % user)
    finder(etree.parse("/srv/catalog.xml"))
    return jsonify(status="ok")
