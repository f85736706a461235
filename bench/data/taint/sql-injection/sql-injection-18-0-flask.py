# kind: sql-injection
# label: safe
# reason: element precision
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-18-0", methods=["GET", "POST"])
def sql_18_0_view():
    name = request.form["name"]
    filters = {"name": name, "table": "users"}
    get_connection().execute("SELECT count(*) FROM " + filters["table"])
    return jsonify(status="ok")
