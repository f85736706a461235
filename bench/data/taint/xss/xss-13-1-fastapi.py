# kind: xss
# label: safe
# reason: element precision
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Xss131Request(BaseModel):
    name: str
    note: str = ''


@app.post("/xss-13-1")
def xss_13_1(body: Xss131Request):
    name = body.name
    parts = {"title": name, "footer": "(c) example"}
    return HTMLResponse("<footer>" + parts["footer"] + "</footer>")
