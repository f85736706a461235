# kind: sql-injection
# label: safe
# reason: isdigit() guard
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-23-1", methods=["GET", "POST"])
def sql_23_1_view():
    name = request.cookies.get("name", "")
    if not name.isdigit():
        abort(400)
    get_connection().execute("SELECT * FROM invoices WHERE id = " + name)
    return jsonify(status="ok")
