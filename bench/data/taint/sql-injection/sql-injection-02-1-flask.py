# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-2-1", methods=["GET", "POST"])
def sql_2_1_view():
    name = request.cookies.get("name", "")
    query = "SELECT id FROM orders WHERE status = '%s'" % name
    cur = get_connection().cursor()
    cur.execute(query)
    return jsonify(status="ok")
