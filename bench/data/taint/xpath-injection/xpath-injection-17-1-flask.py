# kind: xpath-injection
# label: safe
# reason: isalnum() guard
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-17-1", methods=["GET", "POST"])
def xpath_17_1_view():
    user = request.args.get("user", "")
    if not user.isalnum():
        abort(400)
    ET.parse("/srv/c.xml").getroot().findall(".//setting[@key='" + user + "']")
    return jsonify(status="ok")
