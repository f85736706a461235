# kind: code-injection
# label: safe
# reason: element precision
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-14-0")
def code_14_0(expr: str = Header(...)):
    ops = {"expr": expr, "mode": "1 + 1"}
    print(eval(ops["mode"]))
    return {"status": "ok"}
