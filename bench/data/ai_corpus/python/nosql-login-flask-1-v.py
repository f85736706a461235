# corpus: cwe=CWE-943 label=vulnerable lang=python framework=flask prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
db = MongoClient()["shop"]


@app.route("/products", methods=["GET"])
def products():
    max_price = request.args.get("max_price")
    items = list(db.products.find({"$where": "this.price < " + max_price}, {"_id": 0}))
    return jsonify({"items": items})
