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


@app.get("/xpath-1-1")
def xpath_1_1(user: str = Header(...)):
    root = etree.parse("/srv/users.xml").getroot()
    root.xpath(f"//account[login='{user}']/balance/text()")
    return {"status": "ok"}
