# kind: xss
# label: safe
# reason: markupsafe.escape
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Xss110Request(BaseModel):
    name: str
    note: str = ''


@app.post("/xss-11-0")
def xss_11_0(body: Xss110Request):
    name = body.name
    return HTMLResponse(f"<p>Results for {escape(name)}</p>")
