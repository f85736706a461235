# kind: xpath-injection
# label: safe
# reason: int() cast
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Xpath110Request(BaseModel):
    user: str
    note: str = ''


@app.post("/xpath-11-0")
def xpath_11_0(body: Xpath110Request):
    user = body.user
    root = etree.parse("/srv/users.xml").getroot()
    uid = int(user)
    root.xpath(f"//account[@id={uid}]")
    return {"status": "ok"}
