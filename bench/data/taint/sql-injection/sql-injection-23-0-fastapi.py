# kind: sql-injection
# label: safe
# reason: isdigit() guard
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/sql-23-0/{name}")
def sql_23_0(name: str):
    if not name.isdigit():
        raise HTTPException(status_code=400, detail="bad request")
    get_connection().execute("SELECT * FROM invoices WHERE id = " + name)
    return {"status": "ok"}
