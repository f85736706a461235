# kind: sql-injection
# label: vulnerable
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/sql-4-1")
def sql_4_1(name: Optional[str] = Cookie(None)):
    order = name or "id"
    sql = "SELECT * FROM products ORDER BY " + order
    get_connection().execute(sql)
    return {"status": "ok"}
