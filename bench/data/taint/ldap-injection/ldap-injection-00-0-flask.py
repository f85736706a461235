# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-0-0", methods=["GET", "POST"])
def ldap_0_0_view():
    uid = request.args.get("uid", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    return jsonify(status="ok")
