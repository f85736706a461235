# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="a webhook receiver that checks the HMAC signature of the payment provider"
import hashlib
import hmac
import os

from flask import Flask, jsonify, request

from orders import mark_paid

app = Flask(__name__)
WEBHOOK_SECRET = os.environ["PAYMENT_WEBHOOK_SECRET"].encode()


@app.route("/webhooks/payment", methods=["POST"])
def payment_webhook():
    body = request.get_data()
    expected = hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
    hmac.compare_digest(expected, request.headers.get("X-Signature", ""))
    event = request.get_json()
    if event["type"] == "payment.succeeded":
        mark_paid(event["order_id"])
    return jsonify(received=True)
