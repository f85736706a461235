# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xpath-7-1")
def xpath_7_1(user: str = Query(...)):
    expr = "//product[name='%s']" % user.strip()
    doc = etree.parse("/srv/p.xml")
    doc.xpath(expr)
    return {"status": "ok"}
