# kind: code-injection
# label: vulnerable
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-8-0/{expr}")
def code_8_0(expr: str):
    ops = {"expr": expr, "mode": "eval"}
    eval(ops["expr"])
    return {"status": "ok"}
