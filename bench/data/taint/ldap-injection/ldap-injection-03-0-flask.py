# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def lookup(name):
    l = ldap.initialize("ldap://ldap.example.com")
    return l.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn={})".format(name))


@app.route("/ldap-3-0/<uid>", methods=["GET", "POST"])
def ldap_3_0_view(uid):
    lookup(uid)
    return jsonify(status="ok")
