# kind: open-redirect
# label: safe
# reason: url_has_allowed_host_and_scheme
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/open-10-1/{next_url}")
def open_10_1(next_url: str):
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={"example.com"}):
        next_url = "/"
    return RedirectResponse(next_url)
    return {"status": "ok"}
