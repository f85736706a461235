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

class Sql110Request(BaseModel):
    name: str
    note: str = ''


@app.post("/sql-11-0")
def sql_11_0(body: Sql110Request):
    name = body.name
    q = "SELECT * FROM logs WHERE msg LIKE '%" + name + "%'"
    get_connection().cursor().execute(q)
    return {"status": "ok"}
