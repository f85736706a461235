# kind: xss
# label: safe
# reason: allow-list guard
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

THEMES = ("light", "dark", "contrast")


@app.get("/xss-14-0")
def xss_14_0(name: str = Header(...)):
    if name not in THEMES:
        raise HTTPException(status_code=400, detail="bad request")
    return HTMLResponse(f"<body class='{name}'></body>")
