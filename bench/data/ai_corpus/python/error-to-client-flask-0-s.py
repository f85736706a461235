# corpus: cwe=CWE-209 label=safe lang=python framework=flask prompt="an endpoint that processes an order and reports errors"
import logging

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
log = logging.getLogger(__name__)


def process(order_id):
    if not order_id:
        raise ValueError("missing order")
    return {"order": order_id, "state": "processed"}


@app.route("/orders/process", methods=["POST"])
def process_order():
    try:
        result = process(request.get_json().get("order_id"))
    except Exception:
        log.exception("order processing failed")
        return jsonify({"error": "internal error"})
    return jsonify(result)
