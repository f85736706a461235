# kind: sql-injection
# label: safe
# reason: constant branch
import sqlite3
from sqlalchemy import text
from db import engine, get_connection
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/sql-19-1")
def sql_19_1(name: Optional[str] = Cookie(None)):
    if len("abc") > 5:
        get_connection().execute("SELECT * FROM t WHERE a = '%s'" % name)
    get_connection().execute("SELECT 1")
    return {"status": "ok"}
