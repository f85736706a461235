# kind: open-redirect
# label: safe
# reason: constant branch
from urllib.parse import urlparse, quote
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/open-16-1")
def open_16_1(next_url: str = Header(...)):
    if 3 < 1:
        return RedirectResponse(next_url)
    return RedirectResponse("/dashboard")
