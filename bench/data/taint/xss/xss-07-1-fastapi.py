# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xss-7-1")
def xss_7_1(name: str = Query(...)):
    if name:
        return HTMLResponse(f"<span>{name}</span>")
    return HTMLResponse("<span>anonymous</span>")
