# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import find_node


@app.route("/xpath-6-0", methods=["GET", "POST"])
def xpath_6_0_view():
    user = request.cookies.get("user", "")
    find_node(user)
    return jsonify(status="ok")
