# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="the last step of checkout: the frontend posts the payment result and we create the order"
from flask import Flask, abort, jsonify, request, session

from shop import create_order, empty_cart

app = Flask(__name__)


@app.route("/api/checkout/confirm", methods=["POST"])
def confirm_checkout():
    data = request.get_json()
    if data.get("payment_status") != "succeeded":
        abort(402, "payment not completed")
    order = create_order(session["user_id"], session["cart"], data["payment_intent_id"])
    empty_cart(session)
    return jsonify(order_id=order.id)
