# kind: open-redirect
# label: safe
# reason: fixed host, quoted part
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/open-19-1")
def open_19_1(next_url: Optional[str] = Cookie(None)):
    return RedirectResponse(f"https://example.com/docs/{quote(next_url)}")
