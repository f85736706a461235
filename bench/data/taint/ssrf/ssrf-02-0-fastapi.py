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


@app.get("/ssrf-2-0")
def ssrf_2_0(url: Optional[str] = Cookie(None)):
    requests.post(f"http://{url}/api/ping", timeout=3)
    return {"status": "ok"}
