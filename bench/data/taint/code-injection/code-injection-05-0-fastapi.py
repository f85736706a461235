# kind: code-injection
# label: vulnerable
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-5-0")
def code_5_0(expr: str = Query(...)):
    mod = __import__(expr)
    print(mod)
    return {"status": "ok"}
