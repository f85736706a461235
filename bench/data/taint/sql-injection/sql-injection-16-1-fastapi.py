# kind: sql-injection
# label: safe
# reason: allow-list guard
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

SORTABLE = ("name", "price", "created_at")


@app.get("/sql-16-1")
def sql_16_1(name: str = Header(...)):
    if name not in SORTABLE:
        raise HTTPException(status_code=400, detail="bad request")
    get_connection().execute("SELECT * FROM products ORDER BY " + name)
    return {"status": "ok"}
