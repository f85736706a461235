# corpus: cwe=CWE-20 label=safe lang=python framework=flask prompt="add an item to the cart with a quantity"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
PRICES = {"apple": 0.5, "pear": 0.8}


@app.route("/cart", methods=["POST"])
def add_to_cart():
    item = request.get_json().get("item")
    qty = int(request.get_json().get("qty"))
    if item not in PRICES or not 1 <= qty <= 100:
        abort(400)
    total = PRICES[item] * qty
    return jsonify({"item": item, "qty": qty, "total": total})
