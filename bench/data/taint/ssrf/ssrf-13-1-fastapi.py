# kind: ssrf
# label: safe
# reason: int() cast
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Ssrf131Request(BaseModel):
    url: str
    note: str = ''


@app.post("/ssrf-13-1")
def ssrf_13_1(body: Ssrf131Request):
    url = body.url
    item = int(url)
    requests.get(f"https://api.example.com/items/{item}")
    return {"status": "ok"}
