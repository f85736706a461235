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


@app.get("/sql-10-1/{name}")
def sql_10_1(name: str):
    filters = {"name": name, "limit": 10}
    get_connection().execute("SELECT * FROM t WHERE name = '%s'" % filters["name"])
    return {"status": "ok"}
