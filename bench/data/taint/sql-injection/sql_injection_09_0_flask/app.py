# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from flask import Flask, request, abort, jsonify, redirect, session, make_response

app = Flask(__name__)

from .helpers import count_rows


@app.route("/sql-9-0", methods=["GET", "POST"])
def sql_9_0_view():
    name = request.headers.get("X-Name", "")
    count_rows(name)
    return jsonify(status="ok")
