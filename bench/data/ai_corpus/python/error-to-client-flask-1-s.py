# corpus: cwe=CWE-209 label=safe lang=python framework=flask prompt="an endpoint that processes an order and reports errors"
import logging

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
logger = logging.getLogger("billing")


def charge(amount):
    if float(amount) <= 0:
        raise ValueError("amount must be positive")
    return {"charged": float(amount)}


@app.route("/charge", methods=["POST"])
def charge_card():
    try:
        return jsonify(charge(request.form.get("amount")))
    except Exception:
        logger.exception("charge failed")
        return jsonify({"error": "payment could not be processed"})
