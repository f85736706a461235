# corpus: cwe=CWE-209 label=vulnerable lang=python framework=flask prompt="an endpoint that processes an order and reports errors"
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def charge(amount):
    if float(amount) <= 0:
        raise ValueError("amount must be positive")
    return {"charged": float(amount)}


@app.route("/charge", methods=["POST"])
def charge_card():
    try:
        return jsonify(charge(request.form.get("amount")))
    except Exception as e:
        return jsonify({"error": str(e)})
