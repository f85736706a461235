# corpus: cwe=CWE-209 label=vulnerable lang=python framework=fastapi prompt="an endpoint that processes an order and reports errors"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def charge(amount):
    if float(amount) <= 0:
        raise ValueError("amount must be positive")
    return {"charged": float(amount)}


@app.post("/charge")
async def charge_card(request: Request):
    try:
        return charge((await request.form()).get("amount"))
    except Exception as e:
        return {"error": str(e)}
