# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-3-0/<name>", methods=["GET", "POST"])
def sql_3_0_view(name):
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM items WHERE sku = '{}'".format(name))).fetchall()
    return jsonify(status="ok")
