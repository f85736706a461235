# corpus: cwe=CWE-209 label=safe lang=python framework=fastapi prompt="an endpoint that processes an order and reports errors"
import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
logger = logging.getLogger("billing")


def charge(amount):
    if float(amount) <= 0:
        raise ValueError("amount must be positive")
    return {"charged": float(amount)}


@app.post("/charge")
async def charge_card(request: Request):
    try:
        return charge((await request.form()).get("amount"))
    except Exception:
        logger.exception("charge failed")
        return {"error": "payment could not be processed"}
