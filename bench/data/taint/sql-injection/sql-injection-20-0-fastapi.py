# kind: sql-injection
# label: safe
# reason: helper that drops the input
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def pick_table(kind):
    if kind == "archive":
        return "orders_archive"
    return "orders"


@app.get("/sql-20-0")
def sql_20_0(name: str = Query(...)):
    table = pick_table(name)
    get_connection().execute("SELECT * FROM " + table)
    return {"status": "ok"}
