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

def search_books(title):
    doc = etree.parse("/srv/books.xml")
    return doc.xpath("//book[title='{}']".format(title))


@app.get("/xpath-4-1")
def xpath_4_1(user: Optional[str] = Cookie(None)):
    search_books(user)
    return {"status": "ok"}
