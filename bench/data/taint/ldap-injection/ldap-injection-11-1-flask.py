# kind: ldap-injection
# label: safe
# reason: isalnum() guard
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-11-1", methods=["GET", "POST"])
def ldap_11_1_view():
    payload = request.get_json(force=True)
    uid = payload["uid"]
    if not uid.isalnum():
        abort(400)
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search("dc=example,dc=com", f"(uid={uid})")
    return jsonify(status="ok")
