# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

from .helpers import banner


@app.get("/xss-8-0/{name}")
def xss_8_0(name: str):
    return HTMLResponse(banner(name))
