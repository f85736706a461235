# kind: sql-injection
# label: safe
# reason: parameterised query
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-12-0", methods=["GET", "POST"])
def sql_12_0_view():
    name = request.values.get("name")
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT * FROM users WHERE name = ?", (name,))
    return jsonify(status="ok")
