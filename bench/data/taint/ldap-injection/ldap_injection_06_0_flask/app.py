# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import find_group


@app.route("/ldap-6-0", methods=["GET", "POST"])
def ldap_6_0_view():
    uid = request.cookies.get("uid", "")
    find_group(uid)
    return jsonify(status="ok")
