# kind: sql-injection
# label: safe
# reason: bound parameter
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/sql-14-0")
def sql_14_0(name: str = Header(...)):
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM items WHERE sku = :sku"), {"sku": name})
    return {"status": "ok"}
