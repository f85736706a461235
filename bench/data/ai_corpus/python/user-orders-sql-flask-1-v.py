# corpus: cwe=CWE-89 label=vulnerable lang=python framework=flask prompt="a route that returns a user's orders"
import sqlite3

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


class OrderRepository:
    def __init__(self, path="shop.db"):
        self.conn = sqlite3.connect(path)

    def search(self, status, sort):
        sql = "SELECT * FROM orders WHERE status = '%s' ORDER BY %s" % (status, sort)
        return self.conn.execute(sql).fetchall()


repo = OrderRepository()


@app.route("/orders/search", methods=["GET"])
def search_orders():
    return jsonify({"orders": repo.search(request.args.get("status"), request.args.get("sort"))})
