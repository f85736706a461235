# kind: xpath-injection
# label: safe
# reason: allow-list guard
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

FIELDS = {"name", "email", "created"}


@app.route("/xpath-12-0", methods=["GET", "POST"])
def xpath_12_0_view():
    user = request.values.get("user")
    if user not in FIELDS:
        abort(400)
    etree.parse("/srv/users.xml").xpath("//user/" + user)
    return jsonify(status="ok")
