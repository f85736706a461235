# corpus: cwe=CWE-89 label=safe lang=python framework=fastapi prompt="a route that returns a user's orders"
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
SORTABLE = {"created": "created_at", "total": "total"}


class OrderRepository:
    def __init__(self, path="shop.db"):
        self.conn = sqlite3.connect(path)

    def search(self, status, sort):
        column = SORTABLE.get(sort, "created_at")
        sql = "SELECT * FROM orders WHERE status = ? ORDER BY " + column
        return self.conn.execute(sql, (status,)).fetchall()


repo = OrderRepository()


@app.get("/orders/search")
async def search_orders(request: Request):
    return {"orders": repo.search(request.query_params.get("status"), request.query_params.get("sort"))}
