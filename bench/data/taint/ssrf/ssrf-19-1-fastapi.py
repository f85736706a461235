# kind: ssrf
# label: safe
# reason: input only in the JSON body
import requests
import urllib.request
from urllib.parse import urlparse, quote
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ssrf-19-1")
def ssrf_19_1(url: Optional[str] = Cookie(None)):
    requests.post("https://hooks.example.com/notify", json={"url": url}, timeout=5)
    return {"status": "ok"}
