# kind: open-redirect
# label: safe
# reason: element precision
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/open-14-0")
def open_14_0(next_url: str = Header(...)):
    urls = {"next": next_url, "home": "/"}
    return RedirectResponse(urls["home"])
    return {"status": "ok"}
