# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-5-1", methods=["GET", "POST"])
def xpath_5_1_view():
    user = request.headers.get("X-User", "")
    query = {"expr": "//user[@id='" + user + "']", "limit": 5}
    etree.parse("/srv/u.xml").xpath(query["expr"])
    return jsonify(status="ok")
