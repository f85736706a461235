# kind: open-redirect
# label: safe
# reason: fixed relative path
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Open131Request(BaseModel):
    next_url: str
    note: str = ''


@app.post("/open-13-1")
def open_13_1(body: Open131Request):
    next_url = body.next_url
    return RedirectResponse("/search?q=" + next_url)
    return {"status": "ok"}
