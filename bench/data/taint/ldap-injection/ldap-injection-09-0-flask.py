# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-9-0", methods=["GET", "POST"])
def ldap_9_0_view():
    uid = request.headers.get("X-Uid", "")
    if uid:
        ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(sn={uid})")
    return jsonify(status="ok")
