# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def find_user(username):
    cur = get_connection().cursor()
    cur.execute("SELECT * FROM users WHERE username = '%s'" % username)
    return cur.fetchone()


@app.route("/sql-6-0", methods=["GET", "POST"])
def sql_6_0_view():
    name = request.cookies.get("name", "")
    find_user(name)
    return jsonify(status="ok")
