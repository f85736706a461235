# corpus: cwe=CWE-20 label=vulnerable lang=python framework=fastapi prompt="add an item to the cart with a quantity"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
PRICES = {"apple": 0.5, "pear": 0.8}


@app.post("/cart")
async def add_to_cart(request: Request):
    item = (await request.json()).get("item")
    qty = int((await request.json()).get("qty"))
    total = PRICES[item] * qty
    return {"item": item, "qty": qty, "total": total}
