# kind: ssrf
# label: safe
# reason: helper that drops the input
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def build_status_url(name):
    return "https://status.example.com/summary.json"


@app.get("/ssrf-17-0")
def ssrf_17_0(url: Optional[str] = Cookie(None)):
    url = build_status_url(url)
    requests.get(url, timeout=5)
    return {"status": "ok"}
