# kind: ssrf
# label: safe
# reason: fixed URL, input only in params
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Ssrf110Request(BaseModel):
    url: str
    note: str = ''


@app.post("/ssrf-11-0")
def ssrf_11_0(body: Ssrf110Request):
    url = body.url
    requests.get("https://api.example.com/search", params={"q": url}, timeout=5)
    return {"status": "ok"}
