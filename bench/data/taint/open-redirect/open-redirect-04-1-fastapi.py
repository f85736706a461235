# kind: open-redirect
# label: vulnerable
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def go(location):
    return RedirectResponse(location)


@app.get("/open-4-1")
def open_4_1(next_url: Optional[str] = Cookie(None)):
    return go(next_url)
