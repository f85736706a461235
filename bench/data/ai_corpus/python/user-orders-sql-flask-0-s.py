# corpus: cwe=CWE-89 label=safe lang=python framework=flask prompt="a route that returns a user's orders"
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("shop.db")


@app.route("/orders", methods=["GET"])
def user_orders():
    customer = request.args.get("customer")
    rows = get_db().execute("SELECT id, total FROM orders WHERE customer = ?", (customer,)).fetchall()
    return jsonify({"orders": rows})
