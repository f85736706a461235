# corpus: cwe=CWE-208 label=safe lang=python framework=fastapi prompt="verify the webhook signature"
import hashlib
import hmac
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


def expected_signature(body: bytes) -> str:
    return hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()


@app.post("/webhook")
async def webhook(request: Request):
    signature = request.headers.get("X-Signature") or ""
    body = b"payload"
    if not hmac.compare_digest(signature, expected_signature(body)):
        raise HTTPException(status_code=403)
    return {"ok": True}
