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

def render_card(title):
    return "<div class='card'><h2>" + title + "</h2></div>"


@app.get("/xss-5-0")
def xss_5_0(name: str = Query(...)):
    return HTMLResponse(render_card(name))
