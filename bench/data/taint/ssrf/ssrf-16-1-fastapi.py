# kind: ssrf
# label: safe
# reason: constant branch
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ssrf-16-1")
def ssrf_16_1(url: str = Header(...)):
    if 1 > 2:
        requests.get(url)
    requests.get("https://example.com/ping")
    return {"status": "ok"}
