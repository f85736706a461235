# corpus: cwe=CWE-90 label=safe lang=python framework=flask prompt="look up a user in the company directory"
import ldap
from ldap.filter import escape_filter_chars

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/directory", methods=["GET"])
def lookup():
    uid = request.args.get("uid")
    conn = ldap.initialize("ldaps://ldap.corp.example")
    result = conn.search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE,
                           f"(uid={escape_filter_chars(uid)})")
    return jsonify({"found": len(result)})
