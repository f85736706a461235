# corpus: cwe=CWE-208 label=safe lang=python framework=flask prompt="verify the webhook signature"
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
    signature = request.headers.get("X-Signature") or ""
    body = b"payload"
    if not hmac.compare_digest(signature, expected_signature(body)):
        abort(403)
    return jsonify({"ok": True})
