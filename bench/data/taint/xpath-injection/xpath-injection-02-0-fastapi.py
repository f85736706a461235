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


@app.get("/xpath-2-0")
def xpath_2_0(user: Optional[str] = Cookie(None)):
    finder = etree.XPath("//item[@sku='%s']" % user)
    finder(etree.parse("/srv/catalog.xml"))
    return {"status": "ok"}
