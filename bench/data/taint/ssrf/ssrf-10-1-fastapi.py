# kind: ssrf
# label: safe
# reason: host allow-list
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

ALLOWED_HOSTS = {"api.github.com", "hooks.slack.com"}


@app.get("/ssrf-10-1/{url}")
def ssrf_10_1(url: str):
    host = urlparse(url).hostname
    if host not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="bad request")
    requests.get(url, timeout=5)
    return {"status": "ok"}
