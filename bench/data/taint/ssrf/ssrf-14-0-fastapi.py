# kind: ssrf
# label: safe
# reason: element precision
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ssrf-14-0")
def ssrf_14_0(url: str = Header(...)):
    targets = {"callback": url, "fallback": "https://example.com/hook"}
    requests.post(targets["fallback"], json={"ok": True})
    return {"status": "ok"}
