# corpus: cwe=CWE-841 label=safe lang=python framework=fastapi prompt="checkout that confirms payment then ships the order"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
from shop import load_order, ship_order


@app.post("/orders/ship")
async def ship(request: Request):
    order = load_order((await request.form()).get("order_id"))
    if order.payment_status != "captured":
        raise HTTPException(status_code=402)
    ship_order(order)
    return {"status": "shipped"}
