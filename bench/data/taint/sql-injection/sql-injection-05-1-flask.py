# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-5-1", methods=["GET", "POST"])
def sql_5_1_view():
    name = request.headers.get("X-Name", "")
    conds = []
    conds.append("owner = '%s'" % name)
    sql = "SELECT * FROM docs WHERE " + " AND ".join(conds)
    get_connection().execute(sql)
    return jsonify(status="ok")
