# corpus: cwe=CWE-209 label=vulnerable lang=python framework=fastapi prompt="an endpoint that processes an order and reports errors"
import traceback

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def process(order_id):
    if not order_id:
        raise ValueError("missing order")
    return {"order": order_id, "state": "processed"}


@app.post("/orders/process")
async def process_order(request: Request):
    try:
        result = process((await request.json()).get("order_id"))
    except Exception:
        return HTMLResponse(traceback.format_exc())
    return result
