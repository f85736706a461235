# kind: code-injection
# label: safe
# reason: int() cast
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Code110Request(BaseModel):
    expr: str
    note: str = ''


@app.post("/code-11-0")
def code_11_0(body: Code110Request):
    expr = body.expr
    n = int(expr)
    print(eval(f"{n} * 2"))
    return {"status": "ok"}
