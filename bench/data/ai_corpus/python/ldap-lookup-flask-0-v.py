# corpus: cwe=CWE-90 label=vulnerable lang=python framework=flask prompt="look up a user in the company directory"
import ldap

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


@app.route("/directory", methods=["GET"])
def lookup():
    uid = request.args.get("uid")
    conn = ldap.initialize("ldaps://ldap.corp.example")
    result = conn.search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, f"(uid={uid})")
    return jsonify({"found": len(result)})
