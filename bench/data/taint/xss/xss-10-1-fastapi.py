# kind: xss
# label: safe
# reason: html.escape
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xss-10-1/{name}")
def xss_10_1(name: str):
    return HTMLResponse("<h1>Hello " + html.escape(name) + "</h1>")
