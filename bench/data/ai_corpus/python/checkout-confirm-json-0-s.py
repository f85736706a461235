# corpus: cwe=CWE-841 label=safe lang=python framework=none prompt="the last step of checkout: the frontend posts the payment result and we create the order"
import stripe
from flask import Flask, abort, jsonify, request, session

from shop import create_order, empty_cart

app = Flask(__name__)


@app.route("/api/checkout/confirm", methods=["POST"])
def confirm_checkout():
    data = request.get_json()
    intent = stripe.PaymentIntent.retrieve(data["payment_intent_id"])
    if intent.status != "succeeded" or intent.metadata.get("cart_id") != session["cart_id"]:
        abort(402, "payment not completed")
    order = create_order(session["user_id"], session["cart"], intent.id)
    empty_cart(session)
    return jsonify(order_id=order.id)
