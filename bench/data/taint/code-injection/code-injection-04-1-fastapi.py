# kind: code-injection
# label: vulnerable
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-4-1")
def code_4_1(expr: Optional[str] = Cookie(None)):
    value = eval(f"math.{expr}(2)")
    return {"status": "ok"}
