# corpus: cwe=CWE-89 label=vulnerable lang=python framework=fastapi prompt="a route that returns a user's orders"
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def get_db():
    return sqlite3.connect("shop.db")


@app.get("/orders")
async def user_orders(request: Request):
    customer = request.query_params.get("customer")
    rows = get_db().execute(f"SELECT id, total FROM orders WHERE customer = '{customer}'").fetchall()
    return {"orders": rows}
