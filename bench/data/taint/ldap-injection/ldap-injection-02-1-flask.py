# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-2-1", methods=["GET", "POST"])
def ldap_2_1_view():
    uid = request.cookies.get("uid", "")
    flt = "(mail=%s)" % uid
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)
    return jsonify(status="ok")
