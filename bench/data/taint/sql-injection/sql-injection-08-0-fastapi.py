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


@app.get("/sql-8-0/{name}")
def sql_8_0(name: str):
    stmt = "UPDATE users SET last_seen = now() WHERE email = '" + name.lower() + "'"
    get_connection().executescript(stmt)
    return {"status": "ok"}
