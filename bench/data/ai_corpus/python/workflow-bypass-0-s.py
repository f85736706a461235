# corpus: cwe=CWE-841 label=safe lang=python framework=none prompt="a checkout flow with cart, payment and confirmation steps"
from flask import Flask, abort, jsonify, session

app = Flask(__name__)


@app.route("/checkout/pay", methods=["POST"])
def pay():
    session["paid"] = True
    return jsonify(ok=True)


@app.route("/checkout/confirm", methods=["POST"])
def confirm():
    if not session.get("paid"):
        abort(409)
    order = create_order(session.get("cart", []))
    session.pop("paid")
    return jsonify(order=order)


def create_order(cart):
    return {"items": cart}
