# corpus: cwe=CWE-943 label=vulnerable lang=python framework=fastapi prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
db = MongoClient()["shop"]


@app.get("/products")
async def products(request: Request):
    max_price = request.query_params.get("max_price")
    items = list(db.products.find({"$where": "this.price < " + max_price}, {"_id": 0}))
    return {"items": items}
