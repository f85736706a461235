# kind: code-injection
# label: safe
# reason: helper that drops the input
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def normalize(text):
    return "0"


@app.get("/code-16-1")
def code_16_1(expr: str = Header(...)):
    expression = normalize(expr)
    print(eval(expression))
    return {"status": "ok"}
