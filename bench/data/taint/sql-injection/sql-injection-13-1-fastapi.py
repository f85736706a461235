# kind: sql-injection
# label: safe
# reason: parameterised query
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Sql131Request(BaseModel):
    name: str
    note: str = ''


@app.post("/sql-13-1")
def sql_13_1(body: Sql131Request):
    name = body.name
    cur = get_connection().cursor()
    cur.execute("DELETE FROM sessions WHERE token = %s", [name])
    return {"status": "ok"}
