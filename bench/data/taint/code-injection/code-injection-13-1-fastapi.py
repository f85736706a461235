# kind: code-injection
# label: safe
# reason: constant lookup table
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Code131Request(BaseModel):
    expr: str
    note: str = ''

SAFE_OPS = {"absolute": "abs", "round": "round"}


@app.post("/code-13-1")
def code_13_1(body: Code131Request):
    expr = body.expr
    fn = SAFE_OPS.get(expr, "abs")
    print(eval(fn + "(-3)"))
    return {"status": "ok"}
