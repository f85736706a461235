# kind: xpath-injection
# label: safe
# reason: compiled XPath with a variable
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xpath-16-1")
def xpath_16_1(user: str = Header(...)):
    finder = etree.XPath("//item[@sku=$sku]")
    finder(etree.parse("/srv/catalog.xml"), sku=user)
    return {"status": "ok"}
