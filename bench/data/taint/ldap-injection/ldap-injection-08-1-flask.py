# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-8-1", methods=["GET", "POST"])
def ldap_8_1_view():
    uid = request.values.get("uid")
    parts = ["(uid=", uid, ")"]
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "".join(parts))
    return jsonify(status="ok")
