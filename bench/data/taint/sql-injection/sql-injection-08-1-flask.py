# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-8-1", methods=["GET", "POST"])
def sql_8_1_view():
    name = request.values.get("name")
    stmt = "UPDATE users SET last_seen = now() WHERE email = '" + name.lower() + "'"
    get_connection().executescript(stmt)
    return jsonify(status="ok")
