# kind: xpath-injection
# label: safe
# reason: XPath variable
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xpath-10-1/{user}")
def xpath_10_1(user: str):
    tree = etree.parse("/srv/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=user)
    return {"status": "ok"}
