# kind: code-injection
# label: safe
# reason: isdigit() guard
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-17-0")
def code_17_0(expr: Optional[str] = Cookie(None)):
    if expr.isdigit():
        print(eval(expr + " + 1"))
    return {"status": "ok"}
