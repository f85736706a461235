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


@app.get("/sql-1-1")
def sql_1_1(name: str = Header(...)):
    cur = get_connection().cursor()
    cur.execute(f"DELETE FROM sessions WHERE token = '{name}'")
    return {"status": "ok"}
