# corpus: cwe=CWE-209 label=safe lang=python framework=fastapi prompt="an endpoint that processes an order and reports errors"
import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
log = logging.getLogger(__name__)


def process(order_id):
    if not order_id:
        raise ValueError("missing order")
    return {"order": order_id, "state": "processed"}


@app.post("/orders/process")
async def process_order(request: Request):
    try:
        result = process((await request.json()).get("order_id"))
    except Exception:
        log.exception("order processing failed")
        return {"error": "internal error"}
    return result
