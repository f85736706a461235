# kind: code-injection
# label: vulnerable
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-1-1")
def code_1_1(expr: str = Header(...)):
    exec("x = " + expr)
    return {"status": "ok"}
