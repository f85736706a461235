# kind: xpath-injection
# label: safe
# reason: constant lookup table
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

PATHS = {"admins": "//user[@role='admin']", "all": "//user"}


@app.route("/xpath-18-0", methods=["GET", "POST"])
def xpath_18_0_view():
    user = request.form["user"]
    path = PATHS.get(user, "//user")
    etree.parse("/srv/u.xml").xpath(path)
    return jsonify(status="ok")
