# kind: xpath-injection
# label: safe
# reason: int() cast
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-11-1", methods=["GET", "POST"])
def xpath_11_1_view():
    payload = request.get_json(force=True)
    user = payload["user"]
    root = etree.parse("/srv/users.xml").getroot()
    uid = int(user)
    root.xpath(f"//account[@id={uid}]")
    return jsonify(status="ok")
