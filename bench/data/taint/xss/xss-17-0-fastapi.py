# kind: xss
# label: safe
# reason: constant lookup table
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

LABELS = {"ok": "All good", "warn": "Check settings"}


@app.get("/xss-17-0")
def xss_17_0(name: Optional[str] = Cookie(None)):
    label = LABELS.get(name, "Unknown")
    return HTMLResponse("<span>" + label + "</span>")
