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


@app.get("/xss-4-1")
def xss_4_1(name: Optional[str] = Cookie(None)):
    greeting = Markup("<b>" + name + "</b>")
    return HTMLResponse(str(greeting))
