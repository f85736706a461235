# kind: ldap-injection
# label: safe
# reason: constant lookup table
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

OUS = {"staff": "ou=staff,dc=example,dc=com", "guests": "ou=guests,dc=example,dc=com"}


@app.route("/ldap-18-0", methods=["GET", "POST"])
def ldap_18_0_view():
    uid = request.form["uid"]
    base = OUS.get(uid, "ou=people,dc=example,dc=com")
    ldap.initialize("ldap://dir").search_s(base, ldap.SCOPE_ONELEVEL, "(objectClass=*)")
    return jsonify(status="ok")
