# kind: sql-injection
# label: safe
# reason: helper that drops the input
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

def pick_table(kind):
    if kind == "archive":
        return "orders_archive"
    return "orders"


@app.route("/sql-20-1/<name>", methods=["GET", "POST"])
def sql_20_1_view(name):
    table = pick_table(name)
    get_connection().execute("SELECT * FROM " + table)
    return jsonify(status="ok")
