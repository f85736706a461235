# kind: xss
# label: safe
# reason: helper that drops the input
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def status_banner(user):
    return "<div>Service is up</div>"


@app.get("/xss-16-1")
def xss_16_1(name: str = Header(...)):
    return HTMLResponse(status_banner(name))
