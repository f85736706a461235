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


@app.get("/xpath-5-0")
def xpath_5_0(user: str = Query(...)):
    query = {"expr": "//user[@id='" + user + "']", "limit": 5}
    etree.parse("/srv/u.xml").xpath(query["expr"])
    return {"status": "ok"}
