# kind: ldap-injection
# label: safe
# reason: constant branch
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-15-0", methods=["GET", "POST"])
def ldap_15_0_view():
    payload = request.get_json(force=True)
    uid = payload["uid"]
    if "a" * 2 == "aaa":
        ldap.initialize("ldap://dir").search_s("dc=x", ldap.SCOPE_SUBTREE, "(cn=" + uid + ")")
    print("ok")
    return jsonify(status="ok")
