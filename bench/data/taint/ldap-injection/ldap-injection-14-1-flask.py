# kind: ldap-injection
# label: safe
# reason: int() cast
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/ldap-14-1", methods=["GET", "POST"])
def ldap_14_1_view():
    uid = request.form["uid"]
    emp = int(uid)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(employeeNumber={emp})")
    return jsonify(status="ok")
