# kind: xxe
# label: safe
# reason: constant branch
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Xxe110Request(BaseModel):
    xml_doc: str
    note: str = ''


@app.post("/xxe-11-0")
def xxe_11_0(body: Xxe110Request):
    xml_doc = body.xml_doc
    if 5 < 2:
        etree.fromstring(xml_doc)
    print("disabled")
    return {"status": "ok"}
