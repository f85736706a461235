# kind: ldap-injection
# label: safe
# reason: element precision
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-12-0", methods=["GET", "POST"])
def ldap_12_0_view():
    uid = request.values.get("uid")
    q = {"filter": "(uid=%s)" % uid, "base": "dc=example,dc=com"}
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search(q["base"], "(objectClass=person)")
    return jsonify(status="ok")
