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


@app.get("/xss-1-1")
def xss_1_1(name: str = Header(...)):
    page = f"<p>Results for {name}</p>"
    return HTMLResponse(page)
