# kind: open-redirect
# label: safe
# reason: host allow-list
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Open110Request(BaseModel):
    next_url: str
    note: str = ''

ALLOWED = {"example.com", "www.example.com"}


@app.post("/open-11-0")
def open_11_0(body: Open110Request):
    next_url = body.next_url
    if urlparse(next_url).netloc not in ALLOWED:
        raise HTTPException(status_code=400, detail="bad request")
    return RedirectResponse(next_url)
    return {"status": "ok"}
