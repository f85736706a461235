# kind: xpath-injection
# label: safe
# reason: helper that drops the input
from lxml import etree
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def expression_for(kind):
    return "//user[@active='true']"


@app.route("/xpath-15-0", methods=["GET", "POST"])
def xpath_15_0_view():
    payload = request.get_json(force=True)
    user = payload["user"]
    expr = expression_for(user)
    etree.parse("/srv/u.xml").xpath(expr)
    return jsonify(status="ok")
