# corpus: cwe=CWE-208 label=vulnerable lang=python framework=flask prompt="verify the webhook signature"
import hashlib
import hmac
import os

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


def expected_signature(body: bytes) -> str:
    return hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()


@app.route("/webhook", methods=["POST"])
def webhook():
    signature = request.headers.get("X-Signature")
    body = b"payload"
    if signature != expected_signature(body):
        abort(403)
    return jsonify({"ok": True})
