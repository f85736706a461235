# kind: sql-injection
# label: safe
# reason: parameterised query
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)


@app.route("/sql-21-0", methods=["GET", "POST"])
def sql_21_0_view():
    name = request.args.get("name", "")
    params = (name, 20)
    get_connection().execute("SELECT * FROM posts WHERE author = ? LIMIT ?", params)
    return jsonify(status="ok")
