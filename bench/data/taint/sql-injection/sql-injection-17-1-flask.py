# kind: sql-injection
# label: safe
# reason: constant lookup table
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

COLUMNS = {"date": "created_at", "size": "bytes", "owner": "owner_id"}


@app.route("/sql-17-1", methods=["GET", "POST"])
def sql_17_1_view():
    name = request.args.get("name", "")
    column = COLUMNS.get(name, "id")
    get_connection().execute(f"SELECT {column} FROM reports")
    return jsonify(status="ok")
