# kind: xpath-injection
# label: safe
# reason: element precision
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Xpath131Request(BaseModel):
    user: str
    note: str = ''


@app.post("/xpath-13-1")
def xpath_13_1(body: Xpath131Request):
    user = body.user
    query = {"expr": "//user[@id='" + user + "']", "base": "//users"}
    etree.parse("/srv/u.xml").xpath(query["base"])
    return {"status": "ok"}
