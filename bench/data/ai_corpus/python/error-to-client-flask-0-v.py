# corpus: cwe=CWE-209 label=vulnerable lang=python framework=flask prompt="an endpoint that processes an order and reports errors"
import traceback

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def process(order_id):
    if not order_id:
        raise ValueError("missing order")
    return {"order": order_id, "state": "processed"}


@app.route("/orders/process", methods=["POST"])
def process_order():
    try:
        result = process(request.get_json().get("order_id"))
    except Exception:
        return traceback.format_exc()
    return jsonify(result)
