# kind: xpath-injection
# label: safe
# reason: comparison in Python
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xpath-19-1")
def xpath_19_1(user: Optional[str] = Cookie(None)):
    nodes = etree.parse("/srv/u.xml").xpath("//user")
    matches = [n for n in nodes if n.get("name") == user]
    return {"status": "ok"}
