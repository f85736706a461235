# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-5-1", methods=["GET", "POST"])
def ldap_5_1_view():
    uid = request.headers.get("X-Uid", "")
    q = {"filter": "(uid=%s)" % uid, "base": "dc=example,dc=com"}
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search(q["base"], q["filter"])
    return jsonify(status="ok")
