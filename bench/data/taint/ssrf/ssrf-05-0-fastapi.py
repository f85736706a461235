# kind: ssrf
# label: vulnerable
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def fetch(link):
    return requests.get(link, timeout=10).text


@app.get("/ssrf-5-0")
def ssrf_5_0(url: str = Query(...)):
    fetch(url)
    return {"status": "ok"}
