# corpus: cwe=CWE-89 label=vulnerable lang=python framework=fastapi prompt="a route that returns a user's orders"
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


class OrderRepository:
    def __init__(self, path="shop.db"):
        self.conn = sqlite3.connect(path)

    def search(self, status, sort):
        sql = "SELECT * FROM orders WHERE status = '%s' ORDER BY %s" % (status, sort)
        return self.conn.execute(sql).fetchall()


repo = OrderRepository()


@app.get("/orders/search")
async def search_orders(request: Request):
    return {"orders": repo.search(request.query_params.get("status"), request.query_params.get("sort"))}
