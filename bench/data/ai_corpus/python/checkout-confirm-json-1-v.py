# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="the last step of checkout: the frontend posts the payment result and we create the order"
from fastapi import FastAPI, HTTPException, Request

from shop import create_order

app = FastAPI()


@app.post("/checkout/complete")
async def complete_checkout(request: Request):
    payload = await request.json()
    if not payload.get("paid"):
        raise HTTPException(status_code=402, detail="payment required")
    order = await create_order(payload["cart_id"])
    return {"order_id": order.id}
