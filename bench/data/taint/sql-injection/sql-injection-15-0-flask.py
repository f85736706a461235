# kind: sql-injection
# label: safe
# reason: int() cast
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-15-0", methods=["GET", "POST"])
def sql_15_0_view():
    payload = request.get_json(force=True)
    name = payload["name"]
    limit = int(name)
    get_connection().execute(f"SELECT * FROM news ORDER BY id DESC LIMIT {limit}")
    return jsonify(status="ok")
