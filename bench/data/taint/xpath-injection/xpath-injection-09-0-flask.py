# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/xpath-9-0", methods=["GET", "POST"])
def xpath_9_0_view():
    user = request.headers.get("X-User", "")
    if user:
        etree.parse("/srv/users.xml").xpath("//user[email='" + user + "']")
    return jsonify(status="ok")
