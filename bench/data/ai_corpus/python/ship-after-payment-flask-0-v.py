# corpus: cwe=CWE-841 label=vulnerable lang=python framework=flask prompt="checkout that confirms payment then ships the order"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
from shop import load_order, ship_order


@app.route("/orders/ship", methods=["POST"])
def ship():
    order = load_order(request.form.get("order_id"))
    if request.form.get("paid") != "true":
        abort(402)
    ship_order(order)
    return jsonify({"status": "shipped"})
