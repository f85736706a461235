# kind: sql-injection
# label: safe
# reason: constant lookup table
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

COLUMNS = {"date": "created_at", "size": "bytes", "owner": "owner_id"}


@app.get("/sql-17-0")
def sql_17_0(name: Optional[str] = Cookie(None)):
    column = COLUMNS.get(name, "id")
    get_connection().execute(f"SELECT {column} FROM reports")
    return {"status": "ok"}
