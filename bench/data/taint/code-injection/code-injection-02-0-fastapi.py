# kind: code-injection
# label: vulnerable
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-2-0")
def code_2_0(expr: Optional[str] = Cookie(None)):
    code = compile(expr, "<user>", "exec")
    exec(code)
    return {"status": "ok"}
