# kind: sql-injection
# label: safe
# reason: bound parameter
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-14-1", methods=["GET", "POST"])
def sql_14_1_view():
    name = request.form["name"]
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM items WHERE sku = :sku"), {"sku": name})
    return jsonify(status="ok")
