# kind: xpath-injection
# label: safe
# reason: constant branch
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xpath-14-0")
def xpath_14_0(user: str = Header(...)):
    if 10 % 3 == 0:
        etree.parse("/srv/u.xml").xpath(user)
    print("ok")
    return {"status": "ok"}
