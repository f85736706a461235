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


@app.get("/sql-5-0")
def sql_5_0(name: str = Query(...)):
    conds = []
    conds.append("owner = '%s'" % name)
    sql = "SELECT * FROM docs WHERE " + " AND ".join(conds)
    get_connection().execute(sql)
    return {"status": "ok"}
