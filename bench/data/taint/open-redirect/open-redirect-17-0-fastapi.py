# kind: open-redirect
# label: safe
# reason: helper that drops the input
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def landing_page(hint):
    return "/welcome"


@app.get("/open-17-0")
def open_17_0(next_url: Optional[str] = Cookie(None)):
    return RedirectResponse(landing_page(next_url))
