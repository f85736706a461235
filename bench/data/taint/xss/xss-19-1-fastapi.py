# kind: xss
# label: safe
# reason: JSON response
import html
from markupsafe import Markup, escape
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xss-19-1")
def xss_19_1(name: Optional[str] = Cookie(None)):
    return JSONResponse({"name": name})
