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


@app.get("/sql-7-1")
def sql_7_1(name: str = Query(...)):
    import pandas as pd
    df = pd.read_sql_query(f"SELECT * FROM metrics WHERE host = '{name}'", engine)
    return {"status": "ok"}
