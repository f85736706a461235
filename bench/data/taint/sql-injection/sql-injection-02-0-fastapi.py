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


@app.get("/sql-2-0")
def sql_2_0(name: Optional[str] = Cookie(None)):
    query = "SELECT id FROM orders WHERE status = '%s'" % name
    cur = get_connection().cursor()
    cur.execute(query)
    return {"status": "ok"}
