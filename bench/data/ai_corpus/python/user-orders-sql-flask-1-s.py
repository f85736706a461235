# corpus: cwe=CWE-89 label=safe lang=python framework=flask prompt="a route that returns a user's orders"
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
SORTABLE = {"created": "created_at", "total": "total"}


class OrderRepository:
    def __init__(self, path="shop.db"):
        self.conn = sqlite3.connect(path)

    def search(self, status, sort):
        column = SORTABLE.get(sort, "created_at")
        sql = "SELECT * FROM orders WHERE status = ? ORDER BY " + column
        return self.conn.execute(sql, (status,)).fetchall()


repo = OrderRepository()


@app.route("/orders/search", methods=["GET"])
def search_orders():
    return jsonify({"orders": repo.search(request.args.get("status"), request.args.get("sort"))})
