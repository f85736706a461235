# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-11-1", methods=["GET", "POST"])
def sql_11_1_view():
    payload = request.get_json(force=True)
    name = payload["name"]
    q = "SELECT * FROM logs WHERE msg LIKE '%" + name + "%'"
    get_connection().cursor().execute(q)
    return jsonify(status="ok")
