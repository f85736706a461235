# kind: xpath-injection
# label: safe
# reason: constant branch
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-14-1", methods=["GET", "POST"])
def xpath_14_1_view():
    user = request.form["user"]
    if 10 % 3 == 0:
        etree.parse("/srv/u.xml").xpath(user)
    print("ok")
    return jsonify(status="ok")
